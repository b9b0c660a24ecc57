package io.haulstream.query.customers;

import io.haulstream.events.CustomerClosed;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.CustomerUpdated;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class CustomersProjector implements Projector {

    private final JdbcTemplate jdbc;

    CustomersProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void project(ProjectedEvent projected, Changes changes) {
        if (projected.event() instanceof CustomerRegistered registered) {
            jdbc.update(
                    "insert into read_model.customers"
                            + " (customer_id, organization_id, name, service_address, location, version)"
                            + " values (?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, 1)",
                    registered.customerId(),
                    registered.organizationId(),
                    registered.name(),
                    registered.serviceAddress(),
                    registered.location().longitude(),
                    registered.location().latitude());
        } else if (projected.event() instanceof CustomerUpdated updated) {
            jdbc.update(
                    "update read_model.customers set name = ?, service_address = ?,"
                            + " location = ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, version = version + 1"
                            + " where customer_id = ?",
                    updated.name(),
                    updated.serviceAddress(),
                    updated.location().longitude(),
                    updated.location().latitude(),
                    updated.customerId());
        } else if (projected.event() instanceof CustomerClosed closed) {
            jdbc.update(
                    "update read_model.customers set closed = true, version = version + 1 where customer_id = ?",
                    closed.customerId());
        }
    }
}
