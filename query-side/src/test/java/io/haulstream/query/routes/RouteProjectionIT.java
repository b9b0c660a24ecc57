package io.haulstream.query.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinUnassignedFromRoute;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.ContainerType;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteGeometryChanged;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.RouteType;
import io.haulstream.events.WasteStream;
import io.haulstream.query.EventsTopic;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Routes on the real servers: route and bin events published to a real Kafka topic as the relay
 * publishes them, projected into PostGIS, and read back over HTTP as a route with its stops.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class RouteProjectionIT {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");

    private static final List<GeoPoint> PATH =
            List.of(new GeoPoint(13.404954, 52.520008), new GeoPoint(13.4105, 52.5231), new GeoPoint(13.4187, 52.5262));

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.routes");

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private RedissonClient redis;

    @Autowired
    private ObjectMapper json;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    @Test
    void insertsAStopAtItsIndexAndMovesTheLaterOnesDown() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        List<String> bins = placeBins(organizationId, 3);
        String routeId = UUID.randomUUID().toString();
        createRoute(routeId, organizationId, bins.subList(0, 2));
        ConsistencyToken token = events.publish(assigned(routeId, organizationId, bins.get(2), 1), 3);

        JsonNode route = route(organizationId, routeId, token).getBody();

        assertThat(binIds(route)).containsExactly(bins.get(0), bins.get(2), bins.get(1));
        assertThat(stopIndexes(route)).containsExactly(0, 1, 2);
        assertThat(route.get("stopCount").asInt()).isEqualTo(3);
        assertThat(storedStops(routeId)).containsExactly(bins.get(0), bins.get(2), bins.get(1));
        for (String binId : bins) {
            assertThat(text(bin(organizationId, binId, token), "routeId")).isEqualTo(routeId);
        }
    }

    @Test
    void closesTheGapWhenTheMiddleStopIsUnassigned() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        List<String> bins = placeBins(organizationId, 3);
        String routeId = UUID.randomUUID().toString();
        createRoute(routeId, organizationId, bins);
        ConsistencyToken token =
                events.publish(new BinUnassignedFromRoute(routeId, organizationId, bins.get(1), AT.plusSeconds(60)), 4);

        JsonNode route = route(organizationId, routeId, token).getBody();

        assertThat(binIds(route)).containsExactly(bins.get(0), bins.get(2));
        assertThat(stopIndexes(route)).containsExactly(0, 1);
        assertThat(route.get("stopCount").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select stop_count from read_model.routes where route_id = ?", Integer.class, routeId))
                .isEqualTo(2);
        assertThat(storedStops(routeId)).containsExactly(bins.get(0), bins.get(2));
        assertThat(text(bin(organizationId, bins.get(1), token), "routeId")).isNull();
        assertThat(text(bin(organizationId, bins.get(2), token), "routeId")).isEqualTo(routeId);
    }

    @Test
    void keepsABinOnItsOtherRouteWhenItLeavesTheNewerOne() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        List<String> bins = placeBins(organizationId, 1);
        String olderRoute = UUID.randomUUID().toString();
        String newerRoute = UUID.randomUUID().toString();
        createRoute(olderRoute, organizationId, bins);
        events.publish(created(newerRoute, organizationId), 0);
        ConsistencyToken assigned = events.publish(
                new BinAssignedToRoute(newerRoute, organizationId, bins.get(0), 0, AT.plusSeconds(600)), 1);
        assertThat(text(bin(organizationId, bins.get(0), assigned), "routeId")).isEqualTo(newerRoute);

        ConsistencyToken unassigned = events.publish(
                new BinUnassignedFromRoute(newerRoute, organizationId, bins.get(0), AT.plusSeconds(660)), 2);
        assertThat(text(bin(organizationId, bins.get(0), unassigned), "routeId"))
                .isEqualTo(olderRoute);

        ConsistencyToken deleted = events.publish(new RouteDeleted(olderRoute, organizationId, AT.plusSeconds(720)), 2);
        assertThat(text(bin(organizationId, bins.get(0), deleted), "routeId")).isNull();
    }

    @Test
    void servesTheRouteWithItsPathAndEachStopsBin() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        List<String> bins = placeBins(organizationId, 2);
        String routeId = UUID.randomUUID().toString();
        ConsistencyToken token = createRoute(routeId, organizationId, bins);

        ResponseEntity<JsonNode> reply = route(organizationId, routeId, token);

        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(Long.parseLong(reply.getHeaders().getFirst("Projection-Position")))
                .isGreaterThanOrEqualTo(token.globalPosition());
        JsonNode route = reply.getBody();
        assertThat(text(route, "routeId")).isEqualTo(routeId);
        assertThat(text(route, "organizationId")).isEqualTo(organizationId);
        assertThat(text(route, "name")).isEqualTo("Mitte Monday");
        assertThat(text(route, "type")).isEqualTo("RESIDENTIAL");
        assertThat(text(route, "status")).isEqualTo("PLANNED");
        assertThat(text(route, "serviceDay")).isEqualTo("MONDAY");
        assertThat(text(route, "territory")).isEqualTo("Mitte");
        assertThat(text(route, "createdAt")).isEqualTo(AT.toString());
        assertThat(route.get("version").asLong()).isEqualTo(3);
        assertPath(route, PATH);
        JsonNode first = route.get("stops").get(0);
        assertThat(text(first, "binId")).isEqualTo(bins.get(0));
        assertThat(text(first, "tag")).isEqualTo("R-0");
        assertThat(text(first, "customerName")).isEqualTo("Corner Bakery");
        assertThat(text(first, "serviceAddress")).isEqualTo("Market Sq 1");
        assertThat(text(first, "status")).isEqualTo("ACTIVE");
        assertThat(first.get("location").get("latitude").asDouble())
                .isEqualTo(binLocation(0).latitude());
        assertThat(first.get("location").get("longitude").asDouble())
                .isEqualTo(binLocation(0).longitude());
        assertThat(first.hasNonNull("fillPercent")).isFalse();
        assertThat(text(route.get("stops").get(1), "tag")).isEqualTo("R-1");
    }

    /**
     * Reads without a token are answered from Redis once filled, and a fill report on one of the
     * route's bins (an event of the bin, not of the route) makes the next such read show it: were
     * the entry not invalidated, it would show the old fill level for good.
     */
    @Test
    void answersADetailFromRedisUntilABinOnTheRouteChanges() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        List<String> bins = placeBins(organizationId, 2);
        String routeId = UUID.randomUUID().toString();
        ConsistencyToken token = createRoute(
                new RouteCreated(
                        routeId,
                        organizationId,
                        "Straße am Görlitzer Park",
                        RouteType.RESIDENTIAL,
                        DayOfWeek.MONDAY,
                        "Kreuzberg",
                        PATH,
                        AT),
                bins);
        JsonNode fresh = route(organizationId, routeId, token).getBody();
        String key = "route-detail:" + organizationId + ":" + routeId;

        // The batch's invalidation comes after its commit, which is all the token waited for: it may
        // drop a fill made before it, and the next read fills again.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(withoutToken(organizationId, routeId)).isEqualTo(fresh);
            assertThat(redis.<String, String>getMap(key, StringCodec.INSTANCE).get("body"))
                    .as(key + "'s body")
                    .isNotNull();
        });
        JsonNode cached = json.readTree(
                redis.<String, String>getMap(key, StringCodec.INSTANCE).get("body"));
        JsonNode hit = withoutToken(organizationId, routeId);

        assertThat(cached).isEqualTo(fresh);
        assertThat(hit).isEqualTo(fresh);
        assertThat(text(hit, "name")).isEqualTo("Straße am Görlitzer Park");

        events.publish(new BinFillLevelReported(bins.get(0), organizationId, 80, null, AT.plusSeconds(60)), 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(withoutToken(organizationId, routeId)
                        .get("stops")
                        .get(0)
                        .get("fillPercent")
                        .asInt())
                .isEqualTo(80));
        assertThat(withoutToken(organizationId, routeId).get("stops").get(1).hasNonNull("fillPercent"))
                .isFalse();
    }

    @Test
    void neverAnswersAnotherOrganizationFromTheCachedDetail() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        List<String> bins = placeBins(organizationId, 1);
        String routeId = UUID.randomUUID().toString();
        ConsistencyToken token = createRoute(routeId, organizationId, bins);
        route(organizationId, routeId, token);
        withoutToken(organizationId, routeId);

        ResponseEntity<JsonNode> other =
                http.getForEntity("/api/v1/organizations/{org}/routes/{route}", JsonNode.class, "another", routeId);

        assertNotFound(other);
    }

    @Test
    void givesABinItsRouteWhenTheAssignmentIsProjectedBeforeTheBinIsPlaced() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        String routeId = UUID.randomUUID().toString();
        // The route's events on one partition, the bin's on another, as their keys may well spread them.
        events.publishTo(0, created(routeId, organizationId), 0);
        ConsistencyToken assignedToken = events.publishTo(0, assigned(routeId, organizationId, binId, 0), 1);
        JsonNode before = route(organizationId, routeId, assignedToken).getBody();
        assertThat(binIds(before)).containsExactly(binId);
        assertThat(text(before.get("stops").get(0), "tag")).isNull();

        ConsistencyToken placedToken = events.publishTo(1, placed(binId, organizationId, "customer-of-" + binId, 0), 0);

        ResponseEntity<JsonNode> bin = binReply(organizationId, binId, placedToken);
        assertThat(bin.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(text(bin.getBody(), "routeId")).isEqualTo(routeId);
        JsonNode after = route(organizationId, routeId, placedToken).getBody();
        assertThat(text(after.get("stops").get(0), "tag")).isEqualTo("R-0");
    }

    @Test
    void reflectsAStatusChange() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String routeId = UUID.randomUUID().toString();
        ConsistencyToken createdToken = events.publish(created(routeId, organizationId), 0);
        assertThat(text(route(organizationId, routeId, createdToken).getBody(), "status"))
                .isEqualTo("PLANNED");

        ConsistencyToken token = events.publish(
                new RouteStatusChanged(routeId, organizationId, RouteStatus.PLANNED, RouteStatus.ACTIVE, AT), 1);

        JsonNode route = route(organizationId, routeId, token).getBody();
        assertThat(text(route, "status")).isEqualTo("ACTIVE");
        assertThat(route.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void replacesThePathWhenTheGeometryChanges() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String routeId = UUID.randomUUID().toString();
        events.publish(created(routeId, organizationId), 0);
        List<GeoPoint> changed = List.of(new GeoPoint(13.39, 52.51), new GeoPoint(13.00001, 52.00001));

        ConsistencyToken token = events.publish(new RouteGeometryChanged(routeId, organizationId, changed, AT), 1);

        assertPath(route(organizationId, routeId, token).getBody(), changed);
    }

    @Test
    void hidesARouteFromOtherOrganizations() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String routeId = UUID.randomUUID().toString();
        ConsistencyToken token = events.publish(created(routeId, organizationId), 0);
        assertThat(route(organizationId, routeId, token).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertNotFound(route("someone-else", routeId, token));
    }

    @Test
    void answersNotFoundForADeletedRouteAndFreesItsBins() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        List<String> bins = placeBins(organizationId, 1);
        String routeId = UUID.randomUUID().toString();
        ConsistencyToken assignedToken = createRoute(routeId, organizationId, bins);
        assertThat(route(organizationId, routeId, assignedToken).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ConsistencyToken token = events.publish(new RouteDeleted(routeId, organizationId, AT), 2);

        assertNotFound(route(organizationId, routeId, token));
        assertThat(storedStops(routeId)).isEmpty();
        assertThat(text(bin(organizationId, bins.get(0), token), "routeId")).isNull();
    }

    @Test
    void answersNotFoundForARouteNeverCreated() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        ConsistencyToken token = events.publish(new OrganizationRegistered(organizationId, "Empty Co", AT), 0);

        assertNotFound(route(organizationId, UUID.randomUUID().toString(), token));
    }

    /** Places bins of one customer and waits until they are projected, so stops read their rows. */
    private List<String> placeBins(String organizationId, int count) throws Exception {
        String customerId = UUID.randomUUID().toString();
        List<ConsistencyToken> tokens = new ArrayList<>();
        tokens.add(events.publish(new OrganizationRegistered(organizationId, "Route Co", AT), 0));
        tokens.add(events.publish(
                new CustomerRegistered(customerId, organizationId, "Corner Bakery", "Market Sq 1", binLocation(0), AT),
                0));
        // Names are copied into a bin's row when it is placed, so let them land first.
        awaitProjected(tokens);
        tokens.clear();
        List<String> bins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String binId = UUID.randomUUID().toString();
            tokens.add(events.publish(placed(binId, organizationId, customerId, i), 0));
            bins.add(binId);
        }
        awaitProjected(tokens);
        return bins;
    }

    /**
     * Creates the route, then assigns the bins as its stops in their order, so the route's events
     * take sequences 0 to the number of bins. Returns the last event's token.
     */
    private ConsistencyToken createRoute(String routeId, String organizationId, List<String> stops) throws Exception {
        return createRoute(created(routeId, organizationId), stops);
    }

    private ConsistencyToken createRoute(RouteCreated route, List<String> stops) throws Exception {
        ConsistencyToken token = events.publish(route, 0);
        for (int i = 0; i < stops.size(); i++) {
            token = events.publish(assigned(route.routeId(), route.organizationId(), stops.get(i), i), i + 1);
        }
        return token;
    }

    private static RouteCreated created(String routeId, String organizationId) {
        return new RouteCreated(
                routeId, organizationId, "Mitte Monday", RouteType.RESIDENTIAL, DayOfWeek.MONDAY, "Mitte", PATH, AT);
    }

    private static BinAssignedToRoute assigned(String routeId, String organizationId, String binId, int stopIndex) {
        return new BinAssignedToRoute(routeId, organizationId, binId, stopIndex, AT.plusSeconds(stopIndex));
    }

    private static BinPlaced placed(String binId, String organizationId, String customerId, int index) {
        return new BinPlaced(
                binId,
                organizationId,
                customerId,
                "R-" + index,
                ContainerType.CART,
                WasteStream.GENERAL,
                240,
                binLocation(index),
                AT);
    }

    private static GeoPoint binLocation(int index) {
        return new GeoPoint(13.405 + index * 0.001, 52.52 + index * 0.001);
    }

    private static void assertPath(JsonNode route, List<GeoPoint> expected) {
        JsonNode path = route.get("path");
        assertThat(path.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(path.get(i).get("latitude").asDouble())
                    .isEqualTo(expected.get(i).latitude());
            assertThat(path.get(i).get("longitude").asDouble())
                    .isEqualTo(expected.get(i).longitude());
        }
    }

    private static void assertNotFound(ResponseEntity<JsonNode> reply) {
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.getBody().get("errors").get(0).get("field").asText()).isEqualTo("routeId");
    }

    private List<String> storedStops(String routeId) {
        return jdbc.queryForList(
                "select bin_id from read_model.route_stops where route_id = ? order by stop_index",
                String.class,
                routeId);
    }

    private static List<String> binIds(JsonNode route) {
        List<String> ids = new ArrayList<>();
        route.get("stops").forEach(stop -> ids.add(stop.get("binId").asText()));
        return ids;
    }

    private static List<Integer> stopIndexes(JsonNode route) {
        List<Integer> indexes = new ArrayList<>();
        route.get("stops").forEach(stop -> indexes.add(stop.get("stopIndex").asInt()));
        return indexes;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private ResponseEntity<JsonNode> route(String organizationId, String routeId, ConsistencyToken token) {
        return withToken("/api/v1/organizations/{org}/routes/{route}", token, organizationId, routeId);
    }

    private JsonNode withoutToken(String organizationId, String routeId) {
        ResponseEntity<JsonNode> reply = http.getForEntity(
                "/api/v1/organizations/{org}/routes/{route}", JsonNode.class, organizationId, routeId);
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        return reply.getBody();
    }

    private ResponseEntity<JsonNode> binReply(String organizationId, String binId, ConsistencyToken token) {
        return withToken("/api/v1/organizations/{org}/bins/{bin}", token, organizationId, binId);
    }

    private JsonNode bin(String organizationId, String binId, ConsistencyToken token) {
        ResponseEntity<JsonNode> reply = binReply(organizationId, binId, token);
        assertThat(reply.getStatusCode()).as("bin %s", binId).isEqualTo(HttpStatus.OK);
        return reply.getBody();
    }

    private void awaitProjected(List<ConsistencyToken> tokens) {
        for (ConsistencyToken token : tokens) {
            ResponseEntity<JsonNode> reply = withToken("/api/v1/organizations/any/bins?size=1", token);
            assertThat(reply.getStatusCode()).as("token %s", token).isEqualTo(HttpStatus.OK);
        }
    }

    /**
     * Holds until the token's event is projected, and asks again after a 503, because right after
     * start-up the listener may still be joining its group.
     */
    private ResponseEntity<JsonNode> withToken(String url, ConsistencyToken token, Object... variables) {
        String asked = url + (url.contains("?") ? "&" : "?") + "minPosition={token}";
        Object[] all = Arrays.copyOf(variables, variables.length + 1);
        all[variables.length] = token.encode();
        ResponseEntity<JsonNode> reply = http.getForEntity(asked, JsonNode.class, all);
        for (int attempt = 0; attempt < 10 && reply.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE; attempt++) {
            reply = http.getForEntity(asked, JsonNode.class, all);
        }
        return reply;
    }
}
