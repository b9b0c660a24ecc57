package io.haulstream.query.bins;

import io.haulstream.events.BinPlaced;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.bins}. Organization events reach it too because the organization's name
 * is copied into every bin row; events of different aggregates may arrive in any order across
 * partitions, so the name is filled in by whichever of the two events comes second.
 */
@Component
class BinsProjector implements Projector {

    private final JdbcTemplate jdbc;

    BinsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void project(ProjectedEvent projected, Changes changes) {
        if (projected.event() instanceof BinPlaced placed) {
            jdbc.update(
                    "insert into read_model.bins (bin_id, organization_id, organization_name, tag, container_type,"
                            + " waste_stream, capacity_litres, status, location, placed_at, version, updated_at)"
                            + " values (?, ?, (select name from read_model.organizations where organization_id = ?),"
                            + " ?, ?, ?, ?, 'ACTIVE', ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?, 1, now())",
                    placed.binId(),
                    placed.organizationId(),
                    placed.organizationId(),
                    placed.tag(),
                    placed.containerType().name(),
                    placed.wasteStream().name(),
                    placed.capacityLitres(),
                    placed.location().longitude(),
                    placed.location().latitude(),
                    Timestamp.from(placed.placedAt()));
            changes.binChanged(placed.binId());
        } else if (projected.event() instanceof OrganizationRegistered registered) {
            int updated = jdbc.update(
                    "update read_model.bins set organization_name = ?, version = version + 1, updated_at = now()"
                            + " where organization_id = ? and organization_name is distinct from ?",
                    registered.name(),
                    registered.organizationId(),
                    registered.name());
            if (updated > 0) {
                changes.allBinsOfOrganizationChanged(registered.organizationId());
            }
        }
    }
}
