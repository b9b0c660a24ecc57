package io.haulstream.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.events.fleet.BinServicedRecord;
import io.haulstream.events.fleet.FillLevelReportedRecord;
import io.haulstream.events.fleet.FleetRecord;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fleet inbound topic as a fleet system sees it: a producer with {@code acks=all} and
 * idempotence, records keyed by their bin and written as {@code events/asyncapi.yaml} describes;
 * and as the benchmark watches it: how far the command side's consumer group has committed, and
 * how many records the dead-letter topic holds.
 */
final class FleetTopic implements AutoCloseable {

    /** Configured as Spring Boot configures the command side's mapper with {@code write-dates-as-timestamps: false}. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Settings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    FleetTopic(Settings settings) {
        this.settings = settings;
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        producerProperties.put(ProducerConfig.CLIENT_ID_CONFIG, "haulstream-benchmark-fleet");
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer());
        Properties adminProperties = new Properties();
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        admin = Admin.create(adminProperties);
    }

    /** The key of a bin's records: the bin, so that its records are applied in the order sent. */
    static String keyOf(FleetRecord record) {
        return record instanceof BinServicedRecord serviced
                ? serviced.binId()
                : ((FillLevelReportedRecord) record).binId();
    }

    static byte[] toJson(FleetRecord record) {
        try {
            return JSON.writerFor(FleetRecord.class).writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends without waiting; a record the broker refuses is counted, never silently lost. */
    void send(FleetRecord record) {
        producer.send(new ProducerRecord<>(settings.fleetTopic(), keyOf(record), toJson(record)), (meta, error) -> {
            if (error == null) {
                acknowledged.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    void flush() {
        producer.flush();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    Exception firstFailure() {
        return firstFailure.get();
    }

    /** @return the records of the inbound topic the consumer group has not committed yet */
    long backlog() throws Exception {
        Map<TopicPartition, Long> ends = ends(settings.fleetTopic());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(settings.fleetGroup())
                .partitionsToOffsetAndMetadata()
                .get();
        long backlog = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            backlog += end.getValue() - (at == null ? 0 : at.offset());
        }
        return backlog;
    }

    /** @return the records on the dead-letter topic so far, 0 while it does not exist */
    long deadLetters() throws Exception {
        return ends(settings.fleetDeadLetterTopic()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private Map<TopicPartition, Long> ends(String topic) throws Exception {
        TopicDescription description;
        try {
            description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw e;
        }
        Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
