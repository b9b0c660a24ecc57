package io.haulstream.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.events.fleet.BinServicedRecord;
import io.haulstream.events.fleet.FillLevelReportedRecord;
import io.haulstream.events.fleet.FleetRecord;
import io.haulstream.events.fleet.RouteCompletedRecord;
import io.haulstream.events.fleet.RouteStartedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Keeps the demo city alive: drives its routes one after the other, round after round, and publishes
 * what the trucks and bin sensors would report to the fleet inbound topic, one record per interval.
 * It prints a line per record and a summary every {@value #SUMMARY_EVERY} records, and stops on
 * SIGTERM after the record in flight.
 */
public final class FleetSimulator {

    /** Configured as Spring Boot configures the command side's mapper with {@code write-dates-as-timestamps: false}. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final int SUMMARY_EVERY = 50;

    private final Settings settings;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Map<String, Long> sentByType = new TreeMap<>();
    private long sent;
    private long rounds;

    private FleetSimulator(Settings settings, Producer<String, byte[]> producer, Clock clock) {
        this.settings = settings;
        this.producer = producer;
        this.clock = clock;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Settings settings = Settings.from(System.getenv());
        DemoPlan plan = DemoPlan.read(settings.plan());
        System.out.printf(
                "fleet simulator: %d routes from %s, a record every %d ms to %s on %s%n",
                plan.routes().size(),
                settings.plan(),
                settings.interval().toMillis(),
                settings.topic(),
                settings.bootstrapServers());
        try (var producer =
                new KafkaProducer<>(producerProperties(settings), new StringSerializer(), new ByteArraySerializer())) {
            var simulator = new FleetSimulator(settings, producer, Clock.systemUTC());
            Thread driving = Thread.currentThread();
            // SIGTERM: the hook ends the loop and waits until the record in flight is acknowledged and
            // the producer closed, before the JVM goes down.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> simulator.stop(driving), "fleet-simulator-stop"));
            simulator.drive(plan, new RoundPlanner(plan, settings.fleetSystem(), new Random()));
            System.out.printf(
                    "fleet simulator: stopping after %d records, by type %s%n", simulator.sent, simulator.sentByType);
        }
    }

    /**
     * The bin's or the route's id, as {@code events/asyncapi.yaml} asks of fleet systems: the records
     * about one bin or one route share a partition and are applied in the order they were sent, so a
     * route's completion never overtakes its start.
     */
    static String keyOf(FleetRecord record) {
        if (record instanceof BinServicedRecord serviced) {
            return serviced.binId();
        }
        if (record instanceof FillLevelReportedRecord reported) {
            return reported.binId();
        }
        if (record instanceof RouteStartedRecord started) {
            return started.routeId();
        }
        return ((RouteCompletedRecord) record).routeId();
    }

    private void drive(DemoPlan plan, RoundPlanner planner) throws InterruptedException {
        List<DemoPlan.PlannedRoute> routes = plan.routes();
        for (int next = 0; ; next = (next + 1) % routes.size()) {
            for (RoundPlanner.Step step : planner.round(routes.get(next))) {
                if (pause() || !publish(step.at(clock.instant()))) {
                    return;
                }
            }
            rounds++;
        }
    }

    /**
     * Sends the record until the broker has it: a record given up would leave a route started but never
     * completed. Sending a route record again is safe only while nothing else about the route was sent
     * in between, which holds here.
     *
     * @return false when asked to stop before the record went out
     */
    private boolean publish(FleetRecord record) throws InterruptedException {
        String key = keyOf(record);
        byte[] value = toJson(record);
        var message = new ProducerRecord<>(settings.topic(), key, value);
        while (true) {
            try {
                RecordMetadata metadata = producer.send(message).get();
                logSent(record, key, value, metadata);
                return true;
            } catch (ExecutionException | KafkaException failure) {
                Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
                System.out.println("fleet simulator: not sent, trying again: " + cause);
                if (pause()) {
                    return false;
                }
            }
        }
    }

    private void logSent(FleetRecord record, String key, byte[] value, RecordMetadata metadata) {
        sent++;
        sentByType.merge(record.getClass().getSimpleName(), 1L, Long::sum);
        System.out.printf(
                "%s-%d@%d key %s: %s%n",
                metadata.topic(),
                metadata.partition(),
                metadata.offset(),
                key,
                new String(value, StandardCharsets.UTF_8));
        if (sent % SUMMARY_EVERY == 0) {
            System.out.printf(
                    "fleet simulator: %d records sent, %d rounds completed, by type %s%n", sent, rounds, sentByType);
        }
    }

    /** @return true when asked to stop during the pause */
    private boolean pause() throws InterruptedException {
        return stopping.await(settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stop(Thread driving) {
        stopping.countDown();
        try {
            driving.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Written as a {@link FleetRecord}, so that the {@code type} property names the record's kind. */
    static byte[] toJson(FleetRecord record) {
        try {
            return JSON.writerFor(FleetRecord.class).writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties producerProperties(Settings settings) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "haulstream-fleet-simulator");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Short, so that a broker outage shows in the log within seconds and a stop is never held up
        // longer than infra/stop.sh waits before it kills.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        return properties;
    }
}
