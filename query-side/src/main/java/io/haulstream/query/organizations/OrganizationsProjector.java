package io.haulstream.query.organizations;

import io.haulstream.events.OrganizationDeactivated;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.OrganizationRenamed;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class OrganizationsProjector implements Projector {

    private final JdbcTemplate jdbc;

    OrganizationsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void project(ProjectedEvent projected, Changes changes) {
        if (projected.event() instanceof OrganizationRegistered registered) {
            jdbc.update(
                    "insert into read_model.organizations (organization_id, name, registered_at, version)"
                            + " values (?, ?, ?, 1)",
                    registered.organizationId(),
                    registered.name(),
                    Timestamp.from(registered.registeredAt()));
        } else if (projected.event() instanceof OrganizationRenamed renamed) {
            jdbc.update(
                    "update read_model.organizations set name = ?, version = version + 1 where organization_id = ?",
                    renamed.name(),
                    renamed.organizationId());
        } else if (projected.event() instanceof OrganizationDeactivated deactivated) {
            jdbc.update(
                    "update read_model.organizations set active = false, version = version + 1"
                            + " where organization_id = ?",
                    deactivated.organizationId());
        }
    }
}
