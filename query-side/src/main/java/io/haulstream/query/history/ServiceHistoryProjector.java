package io.haulstream.query.history;

import io.haulstream.events.BinServiced;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.util.List;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.service_history}: the batch's services are appended in one multi-row
 * insert. A row is keyed by its event (bin and sequence), so an event delivered again, or a batch
 * replayed after a crash before its offsets were stored, inserts nothing. Rows are never changed
 * and nothing is cached, so nothing to report in {@link Changes}.
 */
@Component
@Order(80)
class ServiceHistoryProjector implements Projector {

    private final JdbcTemplate jdbc;

    ServiceHistoryProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(BinServiced.class);
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        int n = events.size();
        String[] bins = new String[n];
        Long[] sequences = new Long[n];
        String[] organizations = new String[n];
        String[] routes = new String[n];
        String[] outcomes = new String[n];
        Double[] weights = new Double[n];
        String[] records = new String[n];
        String[] vehicles = new String[n];
        String[] times = new String[n];
        Long[] positions = new Long[n];
        String[] recorders = new String[n];
        for (int i = 0; i < n; i++) {
            ProjectedEvent projected = events.get(i);
            BinServiced serviced = (BinServiced) projected.event();
            bins[i] = serviced.binId();
            sequences[i] = projected.sequence();
            organizations[i] = serviced.organizationId();
            routes[i] = serviced.routeId();
            outcomes[i] = serviced.outcome().name();
            weights[i] = serviced.weightKg();
            records[i] = serviced.fleetRecordId();
            vehicles[i] = serviced.vehicleId();
            times[i] = serviced.servicedAt().toString();
            positions[i] = projected.globalPosition();
            recorders[i] = projected.actorSubject();
        }
        jdbc.update(
                "insert into read_model.service_history (bin_id, sequence_number, organization_id, route_id,"
                        + " outcome, weight_kg, fleet_record_id, vehicle_id, serviced_at, global_position, recorded_by)"
                        + " select * from unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
                        + " ?::float8[], ?::text[], ?::text[], ?::timestamptz[], ?::bigint[], ?::text[])"
                        + " on conflict (bin_id, sequence_number) do nothing",
                bins,
                sequences,
                organizations,
                routes,
                outcomes,
                weights,
                records,
                vehicles,
                times,
                positions,
                recorders);
    }
}
