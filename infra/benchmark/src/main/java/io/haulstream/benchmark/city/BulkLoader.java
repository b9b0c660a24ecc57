package io.haulstream.benchmark.city;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.benchmark.Progress;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.Topics;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a {@link City} straight to the events topic, in the form the command side's relay
 * publishes: same key (aggregate id), same JSON, same headers.
 *
 * <p>It skips HTTP and the command side's event store, and nothing else. Millions of events
 * through the command API would take hours and measure the command side, which is not what the
 * read benchmark is about; the issue allows a bulk path that skips HTTP but not the projectors.
 * Every event still goes through Kafka, the decoder and every projector, so the read model,
 * statistics and cache are built exactly as in production. What the command side never sees:
 * its event store and lookup tables know none of these aggregates, so commands about bulk-loaded
 * bins or routes are rejected as unknown; a benchmark's write traffic must create its own.
 *
 * <p>The global-position header is {@code "0"} on every record: these events were never in the
 * event store, so they have no position there. The projectors keep the partition's
 * {@code last_global_position} with {@code greatest(...)}, so zeros never move it back, and the
 * consistency gate waits on an aggregate's sequence, not on global positions.
 */
public final class BulkLoader {

    private final String bootstrapServers;
    private final String topic;

    /** Configured as Spring Boot configures the relay's mapper with {@code write-dates-as-timestamps: false}. */
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    public BulkLoader(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** @return for every partition written, the offset after this load's last record in it */
    public Map<Integer, Long> load(City city) {
        return load(city, (phase, endOffsets) -> {});
    }

    /**
     * @param afterPhase called after each {@link City.Phase} is acknowledged by the broker, with the
     *     end offsets so far; a caller that waits there until the projection offsets reach them
     *     has every earlier phase projected before the next is sent, whatever the partitions
     * @return for every partition written, the offset after this load's last record in it
     */
    public Map<Integer, Long> load(City city, BiConsumer<City.Phase, Map<Integer, Long>> afterPhase) {
        Map<Integer, Long> endOffsets = new ConcurrentHashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (var producer = new KafkaProducer<>(properties(), new StringSerializer(), new ByteArraySerializer());
                var progress = new Progress("events to " + topic, city.eventCount(), "events")) {
            City.Phase[] phase = {null};
            city.forEachEvent(generated -> {
                if (phase[0] != null && generated.phase() != phase[0]) {
                    finish(producer, failure, phase[0], endOffsets, afterPhase);
                }
                phase[0] = generated.phase();
                if (failure.get() != null) {
                    throw new IllegalStateException("the broker refused an event", failure.get());
                }
                producer.send(toRecord(generated), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        endOffsets.merge(metadata.partition(), metadata.offset() + 1, Math::max);
                        progress.step();
                    }
                });
            });
            if (phase[0] != null) {
                finish(producer, failure, phase[0], endOffsets, afterPhase);
            }
        }
        return new TreeMap<>(endOffsets);
    }

    private static void finish(
            KafkaProducer<String, byte[]> producer,
            AtomicReference<Exception> failure,
            City.Phase phase,
            Map<Integer, Long> endOffsets,
            BiConsumer<City.Phase, Map<Integer, Long>> afterPhase) {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused an event of phase " + phase, failure.get());
        }
        afterPhase.accept(phase, new TreeMap<>(endOffsets));
    }

    /** The record exactly as {@code KafkaRelay} builds it, but for the event id and global position. */
    private ProducerRecord<String, byte[]> toRecord(GeneratedEvent generated) {
        HaulstreamEvent event = generated.event();
        byte[] value;
        try {
            value = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        var record = new ProducerRecord<String, byte[]>(topic, generated.aggregateId(), value);
        Headers headers = record.headers();
        // Derived, not random: a rerun of the same city names the same events.
        String eventId = UUID.nameUUIDFromBytes(
                        (generated.aggregateId() + "#" + generated.sequence()).getBytes(StandardCharsets.UTF_8))
                .toString();
        header(headers, Topics.HEADER_EVENT_ID, eventId);
        header(headers, Topics.HEADER_EVENT_TYPE, HaulstreamEvent.typeName(event.getClass()));
        header(headers, Topics.HEADER_REVISION, HaulstreamEvent.revisionOf(event.getClass()));
        header(headers, Topics.HEADER_AGGREGATE_ID, generated.aggregateId());
        header(headers, Topics.HEADER_SEQUENCE, Long.toString(generated.sequence()));
        header(headers, Topics.HEADER_GLOBAL_POSITION, "0");
        header(headers, Topics.HEADER_OCCURRED_AT, generated.occurredAt().toString());
        return record;
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "haulstream-benchmark-loader");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        // Large batches, under the broker's default 1 MiB message limit.
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        return properties;
    }
}
