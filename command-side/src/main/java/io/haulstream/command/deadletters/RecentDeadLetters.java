package io.haulstream.command.deadletters;

import io.haulstream.command.fleet.FleetProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code haulstream.fleet.dead_letters.last_hour}: records that reached the dead-letter
 * topic in the last hour, from any instance, counted by the broker's offsets for a timestamp (the
 * first offset at or after an hour ago, up to the end) rather than by this instance's memory.
 */
@Component
class RecentDeadLetters {

    private final Admin admin;
    private final String topic;
    private final AtomicLong lastHour = new AtomicLong();

    RecentDeadLetters(KafkaProperties kafka, FleetProperties fleet, MeterRegistry meters) {
        this.admin = Admin.create(kafka.buildAdminProperties(null));
        this.topic = fleet.deadLetterTopic();
        Gauge.builder("haulstream.fleet.dead_letters.last_hour", lastHour, AtomicLong::get)
                .description("Fleet records dead-lettered in the last hour")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${haulstream.dead-letters.count-interval:15s}")
    void count() throws Exception {
        var partitions =
                admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
        long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> since = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.forTimestamp(hourAgo))))
                .all()
                .get();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get();
        long count = 0;
        for (TopicPartition partition : partitions) {
            long from = since.get(partition).offset();
            // No record at or after that time: the broker answers -1, and nothing is recent.
            if (from >= 0) {
                count += ends.get(partition).offset() - from;
            }
        }
        lastHour.set(count);
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
