package io.haulstream.query.audit;

import io.haulstream.events.BinEvent;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.RouteEvent;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.audit_trail}: every bin and route event of the batch is appended in one
 * multi-row insert, with the actor and correlation id the relay put in the record's headers. A row is
 * keyed by its event (aggregate and sequence), so an event delivered again inserts nothing. Rows are
 * never changed and nothing is cached, so nothing to report in {@link Changes}.
 */
@Component
@Order(90)
class AuditProjector implements Projector {

    static final String BIN = "bin";
    static final String ROUTE = "route";

    /** Every event of a bin or a route, taken from the sealed catalogue so a new one is audited too. */
    private static final Set<Class<? extends HaulstreamEvent>> AUDITED = HaulstreamEvent.allTypes()
            .filter(type -> BinEvent.class.isAssignableFrom(type) || RouteEvent.class.isAssignableFrom(type))
            .collect(Collectors.toUnmodifiableSet());

    private final JdbcTemplate jdbc;

    AuditProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return AUDITED;
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        int n = events.size();
        String[] aggregates = new String[n];
        Long[] sequences = new Long[n];
        String[] organizations = new String[n];
        String[] types = new String[n];
        String[] eventTypes = new String[n];
        String[] times = new String[n];
        String[] subjects = new String[n];
        String[] clients = new String[n];
        String[] roles = new String[n];
        String[] correlations = new String[n];
        String[] eventIds = new String[n];
        Long[] positions = new Long[n];
        for (int i = 0; i < n; i++) {
            ProjectedEvent projected = events.get(i);
            HaulstreamEvent event = projected.event();
            aggregates[i] = projected.aggregateId();
            sequences[i] = projected.sequence();
            organizations[i] = event.organizationId();
            types[i] = event instanceof BinEvent ? BIN : ROUTE;
            eventTypes[i] = HaulstreamEvent.typeName(event.getClass());
            times[i] = projected.occurredAt().toString();
            if (projected.actor() != null) {
                subjects[i] = projected.actor().subject();
                clients[i] = projected.actor().client();
                roles[i] = projected.actor().role();
            }
            correlations[i] = projected.correlationId();
            eventIds[i] = projected.eventId();
            positions[i] = projected.globalPosition();
        }
        jdbc.update(
                "insert into read_model.audit_trail (aggregate_id, sequence_number, organization_id, aggregate_type,"
                        + " event_type, occurred_at, actor_subject, actor_client, actor_role, correlation_id, event_id,"
                        + " global_position)"
                        + " select * from unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
                        + " ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
                        + " on conflict (aggregate_id, sequence_number) do nothing",
                aggregates,
                sequences,
                organizations,
                types,
                eventTypes,
                times,
                subjects,
                clients,
                roles,
                correlations,
                eventIds,
                positions);
    }
}
