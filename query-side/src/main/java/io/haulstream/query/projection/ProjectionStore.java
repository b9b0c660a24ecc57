package io.haulstream.query.projection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The bookkeeping tables that make a projection exactly-once in effect. */
@Component
class ProjectionStore {

    private final JdbcTemplate jdbc;

    ProjectionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the offset rows of the batch's partitions: an instance that lost the partition in a
     * rebalance but still holds a batch then waits, and afterwards skips what was already applied.
     */
    Map<Integer, Long> lockNextOffsets(String group, String topic, List<Integer> partitions) {
        Map<Integer, Long> next = new HashMap<>();
        jdbc.query(
                "select partition, next_offset from read_model.projection_offsets"
                        + " where consumer_group = ? and topic = ? and partition = any(?) for update",
                rs -> {
                    next.put(rs.getInt(1), rs.getLong(2));
                },
                group,
                topic,
                partitions.toArray(Integer[]::new));
        return next;
    }

    Map<TopicPartition, Long> nextOffsets(String group, String topic) {
        Map<TopicPartition, Long> next = new HashMap<>();
        jdbc.query(
                "select partition, next_offset from read_model.projection_offsets where consumer_group = ? and topic = ?",
                rs -> {
                    next.put(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2));
                },
                group,
                topic);
        return next;
    }

    void saveNextOffset(String group, String topic, int partition, long nextOffset, long lastGlobalPosition) {
        jdbc.update(
                "insert into read_model.projection_offsets"
                        + " (consumer_group, topic, partition, next_offset, last_global_position, updated_at)"
                        + " values (?, ?, ?, ?, ?, now())"
                        + " on conflict (consumer_group, topic, partition) do update set"
                        + " next_offset = excluded.next_offset,"
                        + " last_global_position = greatest(projection_offsets.last_global_position, excluded.last_global_position),"
                        + " updated_at = excluded.updated_at",
                group,
                topic,
                partition,
                nextOffset,
                lastGlobalPosition);
    }

    /**
     * Records the event as the aggregate's newest, unless an equal or newer one was projected
     * already. @return whether the event is new and must be applied
     */
    boolean claim(ProjectedEvent event) {
        return jdbc.update(
                        "insert into read_model.aggregate_positions"
                                + " (aggregate_id, sequence_number, global_position, projected_at) values (?, ?, ?, ?)"
                                + " on conflict (aggregate_id) do update set"
                                + " sequence_number = excluded.sequence_number,"
                                + " global_position = excluded.global_position,"
                                + " projected_at = excluded.projected_at"
                                + " where aggregate_positions.sequence_number < excluded.sequence_number",
                        event.aggregateId(),
                        event.sequence(),
                        event.globalPosition(),
                        Timestamp.from(Instant.now()))
                == 1;
    }
}
