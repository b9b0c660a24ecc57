package io.haulstream.query.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.query.cache.LeasedCache;
import io.haulstream.query.projection.ChangeListener;
import io.haulstream.query.projection.Changes;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code route-detail:{organization}:{route}} entries: a route with its stops as
 * {@code GET /routes/{id}} answers it, kept as the JSON it is sent as. It shows every stop's bin, so
 * it goes stale with each service or fill report on the route, far more often than it is read:
 * after each committed batch the details it touched (its routes, and the routes of the bins it
 * changed) are only invalidated, and the next read fills them ({@link LeasedCache}).
 */
@Component
class RouteDetailCache implements ChangeListener {

    /** Both ways a detail changes: its route's own events, and its stops' bins. */
    private static final String TOUCHED = "select organization_id, route_id from read_model.routes"
            + " where route_id = any(?)"
            + " union select organization_id, route_id from read_model.route_stops where bin_id = any(?)";

    private final LeasedCache cache;
    private final RouteQueries queries;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    RouteDetailCache(
            RedissonClient redis, MeterRegistry meters, RouteQueries queries, JdbcTemplate jdbc, ObjectMapper json) {
        this.cache = new LeasedCache(redis, "route-detail", meters);
        this.queries = queries;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param fresh a query with a consistency token: it reads PostgreSQL, as the cache is only
     *     invalidated after the batch committed and may still hold the detail from before its write
     * @return the detail's JSON; empty for a missing or deleted route, and for another organization's
     */
    Optional<String> detail(String organizationId, String routeId, boolean fresh) {
        if (fresh) {
            return queries.route(organizationId, routeId).map(this::write);
        }
        String id = id(organizationId, routeId);
        LeasedCache.Lookup lookup = cache.get(id);
        if (lookup instanceof LeasedCache.Lookup.Hit hit) {
            return Optional.of(hit.body());
        }
        Optional<String> body = queries.route(organizationId, routeId).map(this::write);
        // Not awaited: the reply goes out while Redis takes the fill.
        body.ifPresent(detail -> cache.fill(id, (LeasedCache.Lookup.Miss) lookup, detail));
        return body;
    }

    @Override
    public boolean committed(Changes changes) {
        if (changes.routes().isEmpty() && changes.bins().isEmpty()) {
            return true;
        }
        List<String> touched = new ArrayList<>();
        jdbc.query(
                TOUCHED,
                rs -> {
                    touched.add(id(rs.getString(1), rs.getString(2)));
                },
                (Object) changes.routes().toArray(String[]::new),
                (Object) changes.bins().toArray(String[]::new));
        return cache.invalidateAll(touched);
    }

    /** The organization is part of the key, so a route is never answered from another's entry. */
    private static String id(String organizationId, String routeId) {
        return organizationId + ":" + routeId;
    }

    private String write(RouteView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
