package io.haulstream.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.ContainerType;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.CustomerUpdated;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteType;
import io.haulstream.events.Topics;
import io.haulstream.events.WasteStream;
import io.haulstream.query.EventsTopic;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two query-side instances in one consumer group project different partitions at the same moment.
 * A bin's own events and the route or customer events that fill in its row travel on different
 * partitions, so two batches, each on its own instance, may each write one side of a join while the
 * other's write is not committed yet. Both batches here are held at the end of their projectors
 * until both got there (or a few seconds passed), the worst interleaving, forced every time: each
 * then commits without having seen the other, unless the projection orders them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(CrossPartitionRaceIT.Rendezvous.class)
class CrossPartitionRaceIT {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.race");

    @Autowired
    private ProjectionBatch batch;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ObjectMapper json;

    @Autowired
    private Rendezvous rendezvous;

    /** The batches here are applied by hand, as two instances' listeners would: their own topic and group. */
    private final String topic = "race." + UUID.randomUUID();

    private final String group = "race-" + UUID.randomUUID();
    private final AtomicLong position = new AtomicLong();
    private final Map<Integer, AtomicLong> offsets = Map.of(0, new AtomicLong(), 1, new AtomicLong());

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    @Test
    void aBinPlacedOnOneInstanceGetsTheRouteItWasAssignedToOnTheOther() throws Exception {
        String organizationId = organization();
        String routeId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        applyAlone(
                1,
                new RouteCreated(
                        routeId,
                        organizationId,
                        "North",
                        RouteType.RESIDENTIAL,
                        DayOfWeek.MONDAY,
                        "north",
                        List.of(new GeoPoint(13.40, 52.52), new GeoPoint(13.41, 52.53)),
                        AT),
                0);

        race(
                record(0, placed(binId, organizationId), 0),
                record(1, new BinAssignedToRoute(routeId, organizationId, binId, 0, AT), 1));

        assertThat(jdbc.queryForObject("select route_id from read_model.bins where bin_id = ?", String.class, binId))
                .isEqualTo(routeId);
    }

    @Test
    void aBinPlacedOnOneInstanceGetsTheCustomerNameUpdatedOnTheOther() throws Exception {
        String organizationId = organization();
        String binId = UUID.randomUUID().toString();
        String customerId = "customer-of-" + binId;
        applyAlone(
                1,
                new CustomerRegistered(customerId, organizationId, "Bakery", "Main St 1", new GeoPoint(13.4, 52.5), AT),
                0);

        race(
                record(0, placed(binId, organizationId), 0),
                record(
                        1,
                        new CustomerUpdated(
                                customerId, organizationId, "Bakery & Sons", "Main St 1", new GeoPoint(13.4, 52.5), AT),
                        1));

        assertThat(jdbc.queryForObject(
                        "select customer_name from read_model.bins where bin_id = ?", String.class, binId))
                .isEqualTo("Bakery & Sons");
    }

    private String organization() {
        String organizationId = UUID.randomUUID().toString();
        applyAlone(0, new OrganizationRegistered(organizationId, "Race Hauling", AT), 0);
        return organizationId;
    }

    /** Applies the two records as two instances would, each in its own batch and thread, held together at the end. */
    private void race(ConsumerRecord<String, byte[]> first, ConsumerRecord<String, byte[]> second) throws Exception {
        rendezvous.arm();
        try {
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> batch.apply(group, List.of(first)));
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> batch.apply(group, List.of(second)));
            CompletableFuture.allOf(one, other).get(30, TimeUnit.SECONDS);
        } finally {
            rendezvous.disarm();
        }
    }

    private void applyAlone(int partition, HaulstreamEvent event, long sequence) {
        batch.apply(group, List.of(record(partition, event, sequence)));
    }

    /** A record as the relay writes it, at the partition's next offset and the store's next position. */
    private ConsumerRecord<String, byte[]> record(int partition, HaulstreamEvent event, long sequence) {
        try {
            var record = new ConsumerRecord<>(
                    topic,
                    partition,
                    offsets.get(partition).getAndIncrement(),
                    event.aggregateId(),
                    json.writeValueAsBytes(event));
            header(record, Topics.HEADER_EVENT_ID, UUID.randomUUID().toString());
            header(record, Topics.HEADER_EVENT_TYPE, HaulstreamEvent.typeName(event.getClass()));
            header(record, Topics.HEADER_REVISION, HaulstreamEvent.revisionOf(event.getClass()));
            header(record, Topics.HEADER_AGGREGATE_ID, event.aggregateId());
            header(record, Topics.HEADER_SEQUENCE, Long.toString(sequence));
            header(record, Topics.HEADER_GLOBAL_POSITION, Long.toString(position.incrementAndGet()));
            header(record, Topics.HEADER_OCCURRED_AT, AT.toString());
            return record;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static BinPlaced placed(String binId, String organizationId) {
        return new BinPlaced(
                binId,
                organizationId,
                "customer-of-" + binId,
                "R-1",
                ContainerType.CART,
                WasteStream.GENERAL,
                240,
                new GeoPoint(13.404954, 52.520008),
                AT);
    }

    /**
     * Runs after every projector and, while armed, holds each batch until a second batch arrives
     * too or the wait runs out: a batch that cannot get there because it waits for the first one's
     * commit is what the projection must do, and the first then goes on alone.
     */
    static class Rendezvous implements Projector, Ordered {

        private static final Duration HOLD = Duration.ofSeconds(3);

        private final AtomicBoolean armed = new AtomicBoolean();
        private volatile CyclicBarrier barrier;

        void arm() {
            barrier = new CyclicBarrier(2);
            armed.set(true);
        }

        void disarm() {
            armed.set(false);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public Set<Class<? extends HaulstreamEvent>> handles() {
            return HaulstreamEvent.allTypes().collect(Collectors.toSet());
        }

        @Override
        public void project(List<ProjectedEvent> events, Changes changes) {
            if (!armed.get()) {
                return;
            }
            try {
                barrier.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | BrokenBarrierException e) {
                // The other batch waits for this one's commit: go on alone.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
