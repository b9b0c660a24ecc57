package io.haulstream.query.audit;

import io.haulstream.query.api.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A bin's or a route's audit trail, newest first, one SELECT per page on the table's key
 * (aggregate, sequence): keyset-paged by sequence, so a page deep in a long trail starts at its
 * cursor in the index. A bin or route the organization does not have answers empty, whether it is
 * missing or another tenant's, and the controller makes both the same 404.
 */
@Component
class AuditQueries {

    private static final String COLUMNS = "select sequence_number, event_type, occurred_at, actor_subject,"
            + " actor_client, actor_role, correlation_id, event_id from read_model.audit_trail"
            + " where aggregate_id = :aggregateId and organization_id = :organizationId"
            + " and aggregate_type = :aggregateType";

    /**
     * Two statements rather than one with "cursor is null or": under the generic plan PostgreSQL
     * settles on for a repeated statement the OR would keep the cursor out of the index condition.
     */
    static final String FIRST = COLUMNS + " order by sequence_number desc limit :limit";

    static final String AFTER =
            COLUMNS + " and sequence_number < :afterSequence order by sequence_number desc limit :limit";

    /**
     * The bin or route is the organization's: it has a trail, or a row in its table (an aggregate
     * projected before the trail was kept has only that).
     */
    private static final String EXISTS = "select exists (select 1 from read_model.audit_trail"
            + " where aggregate_id = :aggregateId and organization_id = :organizationId"
            + " and aggregate_type = :aggregateType) or exists (select 1 from read_model.%s"
            + " where %s = :aggregateId and organization_id = :organizationId)";

    private final NamedParameterJdbcTemplate jdbc;

    AuditQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return empty when the organization has no such bin or route, its own page otherwise */
    Optional<AuditPage> trail(String organizationId, String aggregateType, String aggregateId, String after, int size) {
        List<String> cursor = Cursor.decode(after, 1);
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("organizationId", organizationId)
                .addValue("aggregateType", aggregateType)
                .addValue("aggregateId", aggregateId)
                .addValue("limit", size + 1);
        if (cursor != null) {
            parameters.addValue("afterSequence", Cursor.number(cursor.get(0)));
        }
        List<AuditEntry> rows = jdbc.query(cursor == null ? FIRST : AFTER, parameters, AuditQueries::entry);
        if (rows.isEmpty() && !exists(aggregateType, parameters)) {
            return Optional.empty();
        }
        if (rows.size() <= size) {
            return Optional.of(new AuditPage(rows, null));
        }
        List<AuditEntry> page = List.copyOf(rows.subList(0, size));
        return Optional.of(new AuditPage(
                page, Cursor.encode(Long.toString(page.get(size - 1).sequence()))));
    }

    private boolean exists(String aggregateType, MapSqlParameterSource parameters) {
        String sql = AuditProjector.BIN.equals(aggregateType)
                ? EXISTS.formatted("bins", "bin_id")
                : EXISTS.formatted("routes", "route_id");
        return Boolean.TRUE.equals(jdbc.queryForObject(sql, parameters, Boolean.class));
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        String subject = rs.getString("actor_subject");
        String client = rs.getString("actor_client");
        String role = rs.getString("actor_role");
        return new AuditEntry(
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("event_type"),
                rs.getLong("sequence_number"),
                subject == null && client == null && role == null ? null : new AuditEntry.Actor(subject, client, role),
                rs.getString("correlation_id"),
                rs.getString("event_id"));
    }
}
