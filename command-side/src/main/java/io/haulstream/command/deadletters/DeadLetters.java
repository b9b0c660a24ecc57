package io.haulstream.command.deadletters;

import io.haulstream.command.fleet.FleetProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The fleet dead-letter topic as operators need it: each record with its reason, and a replay that
 * publishes the record unchanged to the inbound topic again, so it passes the very checks it failed
 * (and comes back here with its reason if it fails again). Each replay is recorded with the dead
 * letter's partition and offset, so "replay all" never sends one twice, and counted in
 * {@code haulstream.fleet.dead_letters.replayed}.
 */
@Component
class DeadLetters {

    /** On a replayed record: the dead letter it came from, as partition:offset. */
    static final String REPLAY_OF = "haulstream.dlt.replay-of";

    static final String REASON = "haulstream.dlt.reason";

    /** One dead letter. */
    record DeadLetter(
            int partition,
            long offset,
            Instant at,
            String key,
            String reason,
            String exception,
            String replayOf,
            Instant replayedAt,
            String record) {}

    private final FleetProperties fleet;
    private final DeadLetterProperties properties;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JdbcTemplate jdbc;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Counter replayed;

    DeadLetters(
            FleetProperties fleet,
            DeadLetterProperties properties,
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            JdbcTemplate jdbc,
            MeterRegistry meters) {
        this.fleet = fleet;
        this.properties = properties;
        this.kafka = kafka;
        this.jdbc = jdbc;
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties(null));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letters");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.replayed = Counter.builder("haulstream.fleet.dead_letters.replayed")
                .description("Fleet dead letters published to the inbound topic again by an operator")
                .register(meters);
    }

    /** The newest dead letters, at most the configured limit, newest first. */
    synchronized List<DeadLetter> list() {
        Map<String, Instant> replays = replays();
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : read(properties.listLimit())) {
            letters.add(letter(record, replays));
        }
        letters.sort(Comparator.comparing(DeadLetter::at)
                .thenComparing(DeadLetter::partition)
                .thenComparing(DeadLetter::offset)
                .reversed());
        return letters.size() > properties.listLimit() ? letters.subList(0, properties.listLimit()) : letters;
    }

    /** Replays one dead letter, or none when the topic holds no record at that partition and offset. */
    synchronized Optional<DeadLetter> replay(int partition, long offset) {
        TopicPartition topicPartition = new TopicPartition(fleet.deadLetterTopic(), partition);
        if (!consumer.partitionsFor(fleet.deadLetterTopic()).stream().anyMatch(p -> p.partition() == partition)) {
            return Optional.empty();
        }
        consumer.assign(List.of(topicPartition));
        consumer.seek(topicPartition, offset);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(5))) {
            if (record.offset() == offset) {
                send(record);
                return Optional.of(letter(record, replays()));
            }
            break;
        }
        return Optional.empty();
    }

    /** Replays every dead letter not replayed before; answers those it replayed. */
    synchronized List<DeadLetter> replayAll() {
        Map<String, Instant> replays = replays();
        List<DeadLetter> sent = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : read(Integer.MAX_VALUE)) {
            if (!replays.containsKey(id(record.partition(), record.offset()))) {
                send(record);
                sent.add(letter(record, replays()));
            }
        }
        return sent;
    }

    private void send(ConsumerRecord<String, byte[]> record) {
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(fleet.topic(), record.key(), record.value());
        again.headers().add(REPLAY_OF, id(record.partition(), record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(again).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "the broker did not take the replay of " + id(record.partition(), record.offset()), e);
        }
        jdbc.update(
                "insert into fleet_dead_letter_replays (dlt_partition, dlt_offset, replayed_at) values (?, ?, now())"
                        + " on conflict (dlt_partition, dlt_offset) do update set replayed_at = excluded.replayed_at",
                record.partition(),
                record.offset());
        replayed.increment();
    }

    /** The last records of each partition, at most that many per partition. */
    private List<ConsumerRecord<String, byte[]>> read(int perPartition) {
        List<TopicPartition> partitions = consumer.partitionsFor(fleet.deadLetterTopic()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Set<TopicPartition> open = new java.util.HashSet<>();
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition);
            long from = Math.max(begins.get(partition), end - perPartition);
            if (from < end) {
                consumer.seek(partition, from);
                open.add(partition);
            }
        }
        consumer.assign(open);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                records.add(record);
            }
            open.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
        }
        return records;
    }

    private Map<String, Instant> replays() {
        Map<String, Instant> replays = new HashMap<>();
        jdbc.query("select dlt_partition, dlt_offset, replayed_at from fleet_dead_letter_replays", row -> {
            replays.put(id(row.getInt(1), row.getLong(2)), row.getTimestamp(3).toInstant());
        });
        return replays;
    }

    private static String id(int partition, long offset) {
        return partition + ":" + offset;
    }

    private static DeadLetter letter(ConsumerRecord<String, byte[]> record, Map<String, Instant> replays) {
        return new DeadLetter(
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                header(record, REASON),
                header(record, "kafka_dlt-exception-message"),
                header(record, REPLAY_OF),
                replays.get(id(record.partition(), record.offset())),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** For the listing's summary. */
    static Map<String, Object> summary(List<DeadLetter> letters) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", letters.size());
        summary.put(
                "notReplayed",
                letters.stream().filter(l -> l.replayedAt() == null).count());
        return summary;
    }

    @PreDestroy
    synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
