package io.haulstream.query.monitoring;

import io.haulstream.query.projection.ProjectionProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far each partition's projection is behind the topic, in offsets and in time. The projected
 * position is the one PostgreSQL keeps with the read model (read_model.projection_offsets), not
 * Kafka's committed offset; the time is the age of the oldest record not yet projected, read from
 * the topic. Measured in the background with a consumer of its own (no group, nothing committed).
 */
@Component
class ProjectionLag {

    /** One partition: offsets behind the end, and the age of its oldest unprojected record. */
    record PartitionLag(int partition, long nextOffset, long endOffset, long events, long millis) {}

    private final JdbcTemplate jdbc;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile Map<Integer, PartitionLag> latest = Map.of();
    private volatile Instant measuredAt;
    private volatile String failure = "not measured yet";

    private final MultiGauge lagSeconds;
    private final MultiGauge lagEvents;

    ProjectionLag(JdbcTemplate jdbc, ProjectionProperties projection, KafkaProperties kafka, MeterRegistry meters) {
        this.jdbc = jdbc;
        // The same figures for Prometheus: the alert on lag must fire when the projection is stuck,
        // when no event arrives to record a lag histogram with.
        this.lagSeconds = MultiGauge.builder("haulstream.projection.lag")
                .baseUnit("seconds")
                .description("Age of the oldest event of the partition not yet projected")
                .register(meters);
        this.lagEvents = MultiGauge.builder("haulstream.projection.lag.events")
                .description("Offsets of the partition not yet projected")
                .register(meters);
        this.topic = projection.topic();
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "projection-lag");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Scheduled(fixedDelayString = "${haulstream.monitoring.lag-interval:5s}")
    synchronized void measure() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            Map<Integer, Long> projected = new HashMap<>();
            // By topic alone: one read model holds one projection of its topic, and the group name
            // may be a random one per start (the integration tests'), which a second lookup of the
            // property would not repeat.
            jdbc.query(
                    "select partition, max(next_offset) from read_model.projection_offsets"
                            + " where topic = ? group by partition",
                    row -> {
                        projected.put(row.getInt(1), row.getLong(2));
                    },
                    topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(5));
            long now = System.currentTimeMillis();
            Map<Integer, PartitionLag> lags = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                long next = projected.getOrDefault(partition.partition(), begins.get(partition));
                long end = ends.get(partition);
                Long oldest = next < end ? timestampAt(partition, next) : null;
                // Offsets can hold transaction markers after the last record: with no record left, nothing is behind.
                long events = oldest == null ? 0 : end - next;
                long millis = oldest == null ? 0 : Math.max(0, now - oldest);
                lags.put(partition.partition(), new PartitionLag(partition.partition(), next, end, events, millis));
            }
            latest = lags;
            lagSeconds.register(
                    lags.values().stream()
                            .map(lag -> MultiGauge.Row.of(
                                    Tags.of("partition", Integer.toString(lag.partition())), lag.millis() / 1000.0))
                            .toList(),
                    true);
            lagEvents.register(
                    lags.values().stream()
                            .map(lag -> MultiGauge.Row.of(
                                    Tags.of("partition", Integer.toString(lag.partition())), lag.events()))
                            .toList(),
                    true);
            measuredAt = Instant.now();
            failure = null;
        } catch (RuntimeException e) {
            failure = "the projection lag could not be measured: " + e;
        }
    }

    private Long timestampAt(TopicPartition partition, long offset) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
            return record.timestamp();
        }
        return null;
    }

    /** The latest measurement per partition, empty while none succeeded. */
    Map<Integer, PartitionLag> partitions() {
        return failure == null ? latest : Map.of();
    }

    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (failure != null) {
            figures.put("available", false);
            figures.put("reason", failure);
            return figures;
        }
        figures.put("available", true);
        figures.put("measuredAt", measuredAt);
        figures.put("partitions", latest.values());
        figures.put(
                "maxEvents",
                latest.values().stream().mapToLong(PartitionLag::events).max().orElse(0));
        figures.put(
                "maxMillis",
                latest.values().stream().mapToLong(PartitionLag::millis).max().orElse(0));
        return figures;
    }

    @PreDestroy
    synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
