package io.haulstream.query.bins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.ContainerType;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.query.EventsTopic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query side on the real servers: records published to a real Kafka topic, as the relay
 * publishes them, are projected into PostGIS and Redis and read back over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class BinProjectionIT {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.events");

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ObjectMapper json;

    @Autowired
    private RedissonClient redis;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    @Test
    void projectsABinWithItsOrganizationNameAndServesItWithTheToken() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationId, "Northside Hauling", AT), 0);
        ConsistencyToken token = events.publish(placed(binId, organizationId), 0);

        ResponseEntity<JsonNode> reply = get(organizationId, binId, token);

        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(Long.parseLong(reply.getHeaders().getFirst("Projection-Position")))
                .isGreaterThanOrEqualTo(token.globalPosition());
        JsonNode bin = reply.getBody();
        assertThat(bin.get("tag").asText()).isEqualTo("NS-1");
        assertThat(bin.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(bin.get("location").get("latitude").asDouble()).isEqualTo(52.520008);
        assertThat(bin.get("location").get("longitude").asDouble()).isEqualTo(13.404954);
        awaitOrganizationName(organizationId, binId, "Northside Hauling");
    }

    /** A city's million bins are not all read: Redis holds the ones a read without a token asked for. */
    @Test
    void cachesABinOnceReadWithItsRowVersionAndNoneBefore() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationId, "Cache Co", AT), 0);
        ConsistencyToken token = events.publish(placed(binId, organizationId), 0);
        get(organizationId, binId, token);
        assertThat(redis.getMap("bin:" + binId).isExists())
                .as("bin:" + binId + " before any read without a token")
                .isFalse();

        http.getForEntity("/api/v1/organizations/{o}/bins/{b}", JsonNode.class, organizationId, binId);

        Map<String, String> cached = redis.<String, String>getMap("bin:" + binId, StringCodec.INSTANCE)
                .readAllMap();

        long rowVersion =
                jdbc.queryForObject("select version from read_model.bins where bin_id = ?", Long.class, binId);
        assertThat(cached).containsEntry("version", Long.toString(rowVersion));
        assertThat(json.readTree(cached.get("body")).get("binId").asText()).isEqualTo(binId);
    }

    /**
     * The batch's refresh of the cache reads the rows with its own SQL; the single read behind a
     * query with a token reads them through Hibernate Spatial. Both must give the dispatcher the
     * same bin, every field of it.
     */
    @Test
    void cachesAfterEachBatchTheSameBinThatTheDatabaseAnswers() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationId, "Refresh Co", AT), 0);
        readOnceWithoutToken(organizationId, binId, events.publish(placed(binId, organizationId), 0));
        ConsistencyToken token =
                events.publish(new BinFillLevelReported(binId, organizationId, 65, null, AT.plusSeconds(90)), 1);

        awaitCachedVersionAtLeast(binId, 2);
        String cached = redis.<String, String>getMap("bin:" + binId, StringCodec.INSTANCE)
                .get("body");
        JsonNode answered = get(organizationId, binId, token).getBody();

        assertThat(json.readTree(cached)).isEqualTo(answered);
        assertThat(answered.get("fillPercent").asInt()).isEqualTo(65);
        assertThat(answered.get("location").get("latitude").asDouble()).isEqualTo(52.520008);
    }

    @Test
    void clearsTheBatchFromTheCacheOutboxOncePassedOnAndTimesThatHop() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        double cachedBefore = cachedHops();
        events.publish(new OrganizationRegistered(organizationId, "Outbox Co", AT), 0);
        get(organizationId, binId, events.publish(placed(binId, organizationId), 0));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                        "select count(*) from read_model.cache_outbox_batches where ? = any(keys)",
                        Long.class,
                        "bin:" + binId))
                .as("outbox batches still naming bin:" + binId)
                .isZero());
        assertThat(cachedHops()).isGreaterThan(cachedBefore);
    }

    private double cachedHops() {
        Timer timer = meters.find("haulstream.event.lag")
                .tag("hop", "committed-to-cached")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void changesNothingWhenAnEventIsDeliveredTwice() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationId, "Twice Ltd", AT), 0);
        BinPlaced event = placed(binId, organizationId);
        long position = events.nextGlobalPosition();
        events.publish(event, 0, position);
        ConsistencyToken token = events.publish(event, 0, position);
        get(organizationId, binId, token);
        awaitOrganizationName(organizationId, binId, "Twice Ltd");
        // A later event of another aggregate on the same partition proves the duplicate was consumed.
        String laterOrg = UUID.randomUUID().toString();
        ConsistencyToken later = events.publishKeyed(binId, new OrganizationRegistered(laterOrg, "Later", AT), 0);
        get(organizationId, binId, later);

        assertThat(jdbc.queryForObject("select count(*) from read_model.bins where bin_id = ?", Long.class, binId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select sequence_number from read_model.aggregate_positions where aggregate_id = ?",
                        Long.class,
                        binId))
                .isZero();
    }

    @Test
    void fillsInTheCustomerWhicheverOfTheTwoEventsArrivesFirst() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationId, "Order Co", AT), 0);
        events.publish(placed(binId, organizationId), 0);
        ConsistencyToken customer = events.publish(
                new CustomerRegistered(
                        "customer-of-" + binId, organizationId, "Bakery", "Main St 1", new GeoPoint(13.4, 52.5), AT),
                0);

        // The customer's event may be projected before the bin's: wait for the bin, then read.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode bin = get(organizationId, binId, customer).getBody();
            assertThat(text(bin, "customerName")).isEqualTo("Bakery");
            assertThat(text(bin, "serviceAddress")).isEqualTo("Main St 1");
        });
    }

    @Test
    void refreshesTheCachedBinWhenItMovesSoAReadWithoutTokenIsNotStale() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationId, "Mover", AT), 0);
        readOnceWithoutToken(organizationId, binId, events.publish(placed(binId, organizationId), 0));

        ConsistencyToken moved = events.publish(new BinMoved(binId, organizationId, new GeoPoint(13.5, 52.6), AT), 1);
        get(organizationId, binId, moved);
        awaitCachedVersionAtLeast(binId, 2);

        JsonNode cached = http.getForEntity("/api/v1/organizations/{o}/bins/{b}", JsonNode.class, organizationId, binId)
                .getBody();
        assertThat(cached.get("location").get("latitude").asDouble()).isEqualTo(52.6);
    }

    @Test
    void hidesARemovedBin() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationId, "Remover", AT), 0);
        events.publish(placed(binId, organizationId), 0);
        ConsistencyToken removed = events.publish(new BinRemoved(binId, organizationId, AT), 1);

        assertThat(get(organizationId, binId, removed).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void answersServiceUnavailableWhenTheTokensEventIsNotProjectedInTime() {
        String organizationId = UUID.randomUUID().toString();
        ConsistencyToken never = new ConsistencyToken(UUID.randomUUID().toString(), 0, Long.MAX_VALUE);

        ResponseEntity<JsonNode> reply = get(organizationId, never.aggregateId(), never);

        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(reply.getBody().get("errors").get(0).get("field").asText()).isEqualTo("minPosition");
        assertThat(reply.getHeaders().getFirst("Projection-Position")).isNotNull();
    }

    @Test
    void refusesATokenItDidNotIssue() {
        ResponseEntity<JsonNode> reply =
                http.getForEntity("/api/v1/organizations/o/bins/b?minPosition={token}", JsonNode.class, "not-a-token");

        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(reply.getBody().get("errors").get(0).get("field").asText()).isEqualTo("minPosition");
    }

    @Test
    void hidesABinFromOtherOrganizations() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationId, "Owner", AT), 0);
        ConsistencyToken token = events.publish(placed(binId, organizationId), 0);
        assertThat(get(organizationId, binId, token).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> reply = get("someone-else", binId, token);

        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(reply.getBody().get("errors").get(0).get("field").asText()).isEqualTo("binId");
    }

    private static BinPlaced placed(String binId, String organizationId) {
        return new BinPlaced(
                binId,
                organizationId,
                "customer-of-" + binId,
                "NS-1",
                ContainerType.CART,
                io.haulstream.events.WasteStream.GENERAL,
                240,
                new GeoPoint(13.404954, 52.520008),
                AT);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** Waits for the bin, then reads it as a dispatcher's board does, so Redis holds it from then on. */
    private void readOnceWithoutToken(String organizationId, String binId, ConsistencyToken token) {
        get(organizationId, binId, token);
        http.getForEntity("/api/v1/organizations/{o}/bins/{b}", JsonNode.class, organizationId, binId);
        awaitCachedVersionAtLeast(binId, 1);
    }

    private void awaitCachedVersionAtLeast(String binId, long version) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String cached = redis.<String, String>getMap("bin:" + binId, StringCodec.INSTANCE)
                    .get("version");
            assertThat(cached).as("bin:" + binId + "'s cached version").isNotNull();
            assertThat(Long.parseLong(cached)).isGreaterThanOrEqualTo(version);
        });
    }

    private ResponseEntity<JsonNode> get(String organizationId, String binId, ConsistencyToken token) {
        return http.getForEntity(
                "/api/v1/organizations/{org}/bins/{bin}?minPosition={token}",
                JsonNode.class,
                organizationId,
                binId,
                token.encode());
    }

    private void awaitOrganizationName(String organizationId, String binId, String name) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                        "select organization_name from read_model.bins where bin_id = ?", String.class, binId))
                .isEqualTo(name));
    }
}
