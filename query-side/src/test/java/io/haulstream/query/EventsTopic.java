package io.haulstream.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The events topic of one integration test class on the real Kafka, and a producer that publishes
 * events to it as the relay does. A test class registers it on a static field with
 * {@code @RegisterExtension}, which creates the topic before the class's tests and closes the
 * producer after them, and passes it the registry in a {@code @DynamicPropertySource} method.
 */
public final class EventsTopic implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

    /** The decoder needs the header on every record; the tests' events carry this same instant. */
    private static final Instant OCCURRED_AT = Instant.parse("2026-11-24T07:00:00Z");

    private final String topic;
    private final AtomicLong lastPosition = new AtomicLong(1);
    private KafkaProducer<String, byte[]> producer;
    private ObjectMapper json;

    /** @param prefix names the topic; a random suffix keeps it apart from earlier runs on the same broker */
    public EventsTopic(String prefix) {
        topic = prefix + "." + UUID.randomUUID();
    }

    /**
     * Points the application at this topic and broker. Spring takes such properties from
     * {@code @DynamicPropertySource} methods of the test class, not from extensions, so each class
     * keeps one that calls this. Declared in each class rather than inherited from a shared base,
     * those methods also keep the classes apart: Spring caches a context by them, and one inherited
     * method would hand every class the first class's context, and so the first class's topic.
     */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("haulstream.projection.topic", () -> topic);
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
    }

    /** Runs before the class's context starts, so its listener finds the topic already there. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * Payloads are written with the application's own ObjectMapper, configured like the one that
     * reads them back; it exists only once the class's context has started.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        json = SpringExtension.getApplicationContext(context).getBean(ObjectMapper.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        producer.close();
    }

    /** Keyed by the event's aggregate, so on that aggregate's partition, at the next global position. */
    public ConsistencyToken publish(HaulstreamEvent event, long sequence) throws Exception {
        return send(null, event.aggregateId(), event, sequence, nextGlobalPosition());
    }

    /**
     * With the headers the relay adds for the event's actor and command (names and values as given,
     * e.g. {@link Topics#HEADER_ACTOR_SUBJECT}), as for an event whose metadata named them.
     */
    public ConsistencyToken publishWith(HaulstreamEvent event, long sequence, Map<String, String> extraHeaders)
            throws Exception {
        return send(null, event.aggregateId(), event, sequence, nextGlobalPosition(), extraHeaders);
    }

    /** At a global position of the caller's choosing, to deliver one event twice. */
    public ConsistencyToken publish(HaulstreamEvent event, long sequence, long globalPosition) throws Exception {
        return send(null, event.aggregateId(), event, sequence, globalPosition);
    }

    /** Keyed by something other than the event's aggregate, to put it on that key's partition. */
    public ConsistencyToken publishKeyed(String key, HaulstreamEvent event, long sequence) throws Exception {
        return send(null, key, event, sequence, nextGlobalPosition());
    }

    /** On the partition given, whichever the key would choose, to spread aggregates as a test needs. */
    public ConsistencyToken publishTo(int partition, HaulstreamEvent event, long sequence) throws Exception {
        return send(partition, event.aggregateId(), event, sequence, nextGlobalPosition());
    }

    public long nextGlobalPosition() {
        return lastPosition.incrementAndGet();
    }

    /**
     * Publishes as the relay does: JSON payload, routing and position in headers; on the partition
     * given, or on the key's when none is.
     */
    private ConsistencyToken send(Integer partition, String key, HaulstreamEvent event, long sequence, long position)
            throws Exception {
        return send(partition, key, event, sequence, position, Map.of());
    }

    private ConsistencyToken send(
            Integer partition,
            String key,
            HaulstreamEvent event,
            long sequence,
            long position,
            Map<String, String> extraHeaders)
            throws Exception {
        String aggregateId = event.aggregateId();
        var record = new ProducerRecord<>(topic, partition, key, json.writeValueAsBytes(event));
        header(record, Topics.HEADER_EVENT_ID, UUID.randomUUID().toString());
        header(record, Topics.HEADER_EVENT_TYPE, HaulstreamEvent.typeName(event.getClass()));
        header(record, Topics.HEADER_REVISION, HaulstreamEvent.revisionOf(event.getClass()));
        header(record, Topics.HEADER_AGGREGATE_ID, aggregateId);
        header(record, Topics.HEADER_SEQUENCE, Long.toString(sequence));
        header(record, Topics.HEADER_GLOBAL_POSITION, Long.toString(position));
        header(record, Topics.HEADER_OCCURRED_AT, OCCURRED_AT.toString());
        extraHeaders.forEach((name, value) -> header(record, name, value));
        producer.send(record).get();
        return new ConsistencyToken(aggregateId, sequence, position);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
