package io.haulstream.query.customers;

import static io.haulstream.query.projection.Columns.column;
import static io.haulstream.query.projection.Columns.ids;

import io.haulstream.events.CustomerClosed;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.CustomerUpdated;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.customers}: the batch's events are folded per customer, then customers
 * registered in the batch are inserted in one statement and the others changed in one. Runs before
 * the bins projector, which copies customer names into bin rows.
 */
@Component
@Order(20)
class CustomersProjector implements Projector {

    private final JdbcTemplate jdbc;

    CustomersProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(CustomerRegistered.class, CustomerUpdated.class, CustomerClosed.class);
    }

    /** What the batch did to one customer; {@code null} is "unchanged". */
    private static final class Change {
        CustomerRegistered registered;
        String name;
        String serviceAddress;
        GeoPoint location;
        boolean closed;
        int versions;
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        Map<String, Change> byCustomer = new LinkedHashMap<>();
        for (ProjectedEvent projected : events) {
            if (projected.event() instanceof CustomerRegistered registered) {
                Change change = change(byCustomer, registered.customerId());
                change.registered = registered;
                change.name = registered.name();
                change.serviceAddress = registered.serviceAddress();
                change.location = registered.location();
            } else if (projected.event() instanceof CustomerUpdated updated) {
                Change change = change(byCustomer, updated.customerId());
                change.name = updated.name();
                change.serviceAddress = updated.serviceAddress();
                change.location = updated.location();
            } else if (projected.event() instanceof CustomerClosed closed) {
                change(byCustomer, closed.customerId()).closed = true;
            }
        }
        List<Map.Entry<String, Change>> registered = byCustomer.entrySet().stream()
                .filter(entry -> entry.getValue().registered != null)
                .toList();
        List<Map.Entry<String, Change>> changed = byCustomer.entrySet().stream()
                .filter(entry -> entry.getValue().registered == null)
                .toList();
        if (!registered.isEmpty()) {
            jdbc.update(
                    "insert into read_model.customers"
                            + " (customer_id, organization_id, name, service_address, location, closed, version)"
                            + " select c.id, c.organization_id, c.name, c.address,"
                            + " ST_SetSRID(ST_MakePoint(c.longitude, c.latitude), 4326)::geography, c.closed, c.versions"
                            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[],"
                            + " ?::boolean[], ?::bigint[])"
                            + " as c(id, organization_id, name, address, longitude, latitude, closed, versions)",
                    ids(registered),
                    registered.stream()
                            .map(entry -> entry.getValue().registered.organizationId())
                            .toArray(String[]::new),
                    column(registered, change -> change.name),
                    column(registered, change -> change.serviceAddress),
                    registered.stream()
                            .map(entry -> entry.getValue().location.longitude())
                            .toArray(Double[]::new),
                    registered.stream()
                            .map(entry -> entry.getValue().location.latitude())
                            .toArray(Double[]::new),
                    registered.stream().map(entry -> entry.getValue().closed).toArray(Boolean[]::new),
                    versions(registered));
        }
        if (!changed.isEmpty()) {
            jdbc.update(
                    "update read_model.customers u set name = coalesce(c.name, u.name),"
                            + " service_address = coalesce(c.address, u.service_address),"
                            + " location = coalesce(ST_SetSRID(ST_MakePoint(c.longitude, c.latitude), 4326)::geography,"
                            + " u.location), closed = u.closed or c.closed, version = u.version + c.versions"
                            + " from unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::boolean[],"
                            + " ?::bigint[]) as c(id, name, address, longitude, latitude, closed, versions)"
                            + " where u.customer_id = any(?) and u.customer_id = c.id",
                    ids(changed),
                    column(changed, change -> change.name),
                    column(changed, change -> change.serviceAddress),
                    changed.stream()
                            .map(entry -> entry.getValue().location == null
                                    ? null
                                    : entry.getValue().location.longitude())
                            .toArray(Double[]::new),
                    changed.stream()
                            .map(entry -> entry.getValue().location == null
                                    ? null
                                    : entry.getValue().location.latitude())
                            .toArray(Double[]::new),
                    changed.stream().map(entry -> entry.getValue().closed).toArray(Boolean[]::new),
                    versions(changed),
                    ids(changed));
        }
    }

    private static Change change(Map<String, Change> byCustomer, String customerId) {
        Change change = byCustomer.computeIfAbsent(customerId, id -> new Change());
        change.versions++;
        return change;
    }

    private static Long[] versions(List<Map.Entry<String, Change>> entries) {
        return entries.stream().map(entry -> (long) entry.getValue().versions).toArray(Long[]::new);
    }
}
