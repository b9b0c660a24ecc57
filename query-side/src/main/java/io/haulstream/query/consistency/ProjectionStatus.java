package io.haulstream.query.consistency;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far the projections have got, as the highest event-store position applied. Refreshed in the
 * background so that every reply can carry it without a database round trip.
 */
@Component
public class ProjectionStatus {

    public static final String HEADER = "Projection-Position";

    private final JdbcTemplate jdbc;
    private final AtomicLong position = new AtomicLong(-1);

    ProjectionStatus(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long position() {
        return position.get();
    }

    /** A query that waited for a token knows that position is projected, even if the last refresh does not. */
    public void observed(long projectedPosition) {
        position.accumulateAndGet(projectedPosition, Math::max);
    }

    @Scheduled(fixedDelayString = "${haulstream.query.status-refresh:200ms}")
    void refresh() {
        Long projected = jdbc.queryForObject(
                "select coalesce(max(last_global_position), -1) from read_model.projection_offsets", Long.class);
        observed(projected == null ? -1 : projected);
    }
}
