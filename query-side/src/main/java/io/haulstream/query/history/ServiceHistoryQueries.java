package io.haulstream.query.history;

import io.haulstream.query.api.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A bin's or a route's services, newest first, one SELECT per page whatever its size: the bin's tag
 * and customer and the route's name are joined in by primary key, where the seed's ORM read the
 * route, then each service, then each service's bin. Keyset-paged on the order's own columns, so a
 * page deep in a long history starts at its cursor in the index instead of stepping over the newer
 * ones. The cursor carries (serviced_at, bin_id, sequence): unique, since bin and sequence are.
 */
@Component
class ServiceHistoryQueries {

    private static final String COLUMNS = "select h.bin_id, h.sequence_number, b.tag, b.customer_name, h.route_id,"
            + " r.name as route_name, h.outcome, h.weight_kg, h.fleet_record_id, h.vehicle_id, h.serviced_at,"
            + " h.recorded_by"
            + " from read_model.service_history h"
            + " left join read_model.bins b on b.bin_id = h.bin_id"
            + " left join read_model.routes r on r.route_id = h.route_id";

    /**
     * Served by service_history_bin_time_idx: the bin is fixed, so (time, sequence) orders its rows.
     * The first page and the later ones are two statements rather than one with "cursor is null or":
     * under the generic plan that PostgreSQL settles on for a repeated statement, the OR would keep
     * the cursor out of the index condition and every page would scan from the newest service.
     */
    static final String BIN_FIRST = COLUMNS
            + " where h.bin_id = :binId and h.organization_id = :organizationId"
            + " order by h.serviced_at desc, h.sequence_number desc limit :limit";

    static final String BIN_AFTER = COLUMNS
            + " where h.bin_id = :binId and h.organization_id = :organizationId"
            + " and (h.serviced_at, h.sequence_number) < (cast(:afterTime as timestamptz), :afterSequence)"
            + " order by h.serviced_at desc, h.sequence_number desc limit :limit";

    /** Served by service_history_route_time_idx. */
    static final String ROUTE_FIRST = COLUMNS
            + " where h.route_id = :routeId and h.organization_id = :organizationId"
            + " order by h.serviced_at desc, h.bin_id desc, h.sequence_number desc limit :limit";

    static final String ROUTE_AFTER = COLUMNS
            + " where h.route_id = :routeId and h.organization_id = :organizationId"
            + " and (h.serviced_at, h.bin_id, h.sequence_number)"
            + " < (cast(:afterTime as timestamptz), :afterBin, :afterSequence)"
            + " order by h.serviced_at desc, h.bin_id desc, h.sequence_number desc limit :limit";

    private final NamedParameterJdbcTemplate jdbc;

    ServiceHistoryQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ServiceHistoryPage ofBin(String organizationId, String binId, String after, int size) {
        MapSqlParameterSource parameters =
                parameters(organizationId, after, size).addValue("binId", binId);
        String sql = parameters.hasValue("afterTime") ? BIN_AFTER : BIN_FIRST;
        return page(jdbc.query(sql, parameters, ServiceHistoryQueries::record), size);
    }

    ServiceHistoryPage ofRoute(String organizationId, String routeId, String after, int size) {
        MapSqlParameterSource parameters =
                parameters(organizationId, after, size).addValue("routeId", routeId);
        String sql = parameters.hasValue("afterTime") ? ROUTE_AFTER : ROUTE_FIRST;
        return page(jdbc.query(sql, parameters, ServiceHistoryQueries::record), size);
    }

    /** Reads one row more than asked: whether it exists says if there is a next page. */
    static MapSqlParameterSource parameters(String organizationId, String after, int size) {
        List<String> cursor = Cursor.decode(after, 3);
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("organizationId", organizationId)
                .addValue("limit", size + 1);
        if (cursor != null) {
            parameters
                    .addValue("afterTime", time(cursor.get(0)).toString())
                    .addValue("afterBin", cursor.get(1))
                    .addValue("afterSequence", Cursor.number(cursor.get(2)));
        }
        return parameters;
    }

    private static Instant time(String micros) {
        return Instant.EPOCH.plus(Cursor.number(micros), ChronoUnit.MICROS);
    }

    private static ServiceHistoryPage page(List<ServiceRecord> rows, int size) {
        if (rows.size() <= size) {
            return new ServiceHistoryPage(rows, null);
        }
        List<ServiceRecord> page = List.copyOf(rows.subList(0, size));
        ServiceRecord last = page.get(size - 1);
        String next = Cursor.encode(
                Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, last.servicedAt())),
                last.binId(),
                Long.toString(last.sequence()));
        return new ServiceHistoryPage(page, next);
    }

    private static ServiceRecord record(ResultSet rs, int row) throws SQLException {
        return new ServiceRecord(
                rs.getString("bin_id"),
                rs.getLong("sequence_number"),
                rs.getString("tag"),
                rs.getString("customer_name"),
                rs.getString("route_id"),
                rs.getString("route_name"),
                rs.getString("outcome"),
                rs.getObject("weight_kg", Double.class),
                rs.getString("fleet_record_id"),
                rs.getString("vehicle_id"),
                rs.getTimestamp("serviced_at").toInstant(),
                rs.getString("recorded_by"));
    }
}
