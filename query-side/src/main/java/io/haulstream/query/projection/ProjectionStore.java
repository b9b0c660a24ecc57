package io.haulstream.query.projection;

import java.util.Collection;
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
     * Holds, until the batch's transaction ends, one advisory lock per organization the batch names,
     * before the batch reads or writes anything: see {@link OrganizationLocks}.
     */
    void lockOrganizations(Collection<String> organizations) {
        long[] keys = OrganizationLocks.keys(organizations);
        if (keys.length == 0) {
            return;
        }
        // unnest yields the array's elements in order, and each row's lock is taken as it is read.
        jdbc.queryForObject(
                "select count(*) from (select pg_advisory_xact_lock(k) from unnest(?::bigint[]) as l(k)) locked",
                Long.class,
                (Object) java.util.Arrays.stream(keys).boxed().toArray(Long[]::new));
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

    /** The next offset of each partition the batch read, in one statement. */
    void saveNextOffsets(
            String group, String topic, Map<Integer, Long> nextOffsets, Map<Integer, Long> lastGlobalPositions) {
        Integer[] partitions = nextOffsets.keySet().toArray(Integer[]::new);
        Long[] offsets = new Long[partitions.length];
        Long[] positions = new Long[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            offsets[i] = nextOffsets.get(partitions[i]);
            positions[i] = lastGlobalPositions.getOrDefault(partitions[i], -1L);
        }
        jdbc.update(
                "insert into read_model.projection_offsets"
                        + " (consumer_group, topic, partition, next_offset, last_global_position, updated_at)"
                        + " select ?, ?, p.partition, p.next_offset, p.position, now()"
                        + " from unnest(?::int[], ?::bigint[], ?::bigint[]) as p(partition, next_offset, position)"
                        + " on conflict (consumer_group, topic, partition) do update set"
                        + " next_offset = excluded.next_offset,"
                        + " last_global_position = greatest(projection_offsets.last_global_position, excluded.last_global_position),"
                        + " updated_at = excluded.updated_at",
                group,
                topic,
                partitions,
                offsets,
                positions);
    }

    /**
     * Locks the position rows of the batch's aggregates and says how far each was projected. One
     * statement for the whole batch, where a claim per event cost a round trip per event.
     *
     * @return the last projected sequence of each aggregate that has one
     */
    Map<String, Long> lockSequences(Collection<String> aggregateIds) {
        Map<String, Long> sequences = new HashMap<>();
        jdbc.query(
                "select aggregate_id, sequence_number from read_model.aggregate_positions"
                        + " where aggregate_id = any(?) for update",
                rs -> {
                    sequences.put(rs.getString(1), rs.getLong(2));
                },
                (Object) aggregateIds.toArray(String[]::new));
        return sequences;
    }

    /** Records each aggregate's newest applied event; never moves an aggregate back. */
    void saveSequences(Collection<ProjectedEvent> newestOfAggregate) {
        int size = newestOfAggregate.size();
        String[] ids = new String[size];
        Long[] sequences = new Long[size];
        Long[] positions = new Long[size];
        int i = 0;
        for (ProjectedEvent event : newestOfAggregate) {
            ids[i] = event.aggregateId();
            sequences[i] = event.sequence();
            positions[i] = event.globalPosition();
            i++;
        }
        jdbc.update(
                "insert into read_model.aggregate_positions"
                        + " (aggregate_id, sequence_number, global_position, projected_at)"
                        + " select id, sequence, position, now() from unnest(?::text[], ?::bigint[], ?::bigint[])"
                        + " as batch(id, sequence, position)"
                        + " on conflict (aggregate_id) do update set"
                        + " sequence_number = excluded.sequence_number,"
                        + " global_position = excluded.global_position,"
                        + " projected_at = excluded.projected_at"
                        + " where aggregate_positions.sequence_number < excluded.sequence_number",
                ids,
                sequences,
                positions);
    }
}
