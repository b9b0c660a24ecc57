package io.haulstream.query.bins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinStatus;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.ContainerType;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.WasteStream;
import io.haulstream.query.EventsTopic;
import io.haulstream.query.Geodesy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bin lists on the real servers: a small city of 30 bins of two organizations, published to a
 * real Kafka topic as the relay publishes them, projected into PostGIS and read back over HTTP.
 * Expected distances come from the great circle of {@link Geodesy}, independent of PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class BinQueriesIT {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");

    private static final double CENTRE_LATITUDE = 52.520008;
    private static final double CENTRE_LONGITUDE = 13.404954;
    private static final double METRES_PER_DEGREE = Math.PI * Geodesy.RADIUS_METRES / 180;

    /** Distances of the dispatching organization's active bins; none within 5 % of the 2 km radius asked about. */
    private static final double[] ACTIVE_METRES = {
        120, 260, 410, 560, 730, 900, 1180, 1420, 1650, 1850, 2300, 2700, 3300, 4100, 5000, 6200, 7600, 9300, 11500,
        14000
    };

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.bin-queries");

    private static City city;

    @Autowired
    private TestRestTemplate http;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    @Test
    void pagesThroughTheOrganizationsBinsInIdOrderWithTheNextCursor() throws Exception {
        City city = city();
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = after == null
                    ? get("/api/v1/organizations/{org}/bins?size=7", city.organizationId())
                            .getBody()
                    : get("/api/v1/organizations/{org}/bins?size=7&after={after}", city.organizationId(), after)
                            .getBody();
            List<String> ids = ids(page.get("bins"));
            assertThat(ids).hasSizeLessThanOrEqualTo(7);
            seen.addAll(ids);
            after = text(page, "next");
            if (after != null) {
                assertThat(after).isEqualTo(ids.get(ids.size() - 1));
            }
            pages++;
        } while (after != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(city.listed());
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void servesTheSamePagesByPageNumberAndEndsWithoutANextCursor() throws Exception {
        City city = city();
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            JsonNode reply = get("/api/v1/organizations/{org}/bins?size=7&page={page}", city.organizationId(), page)
                    .getBody();
            seen.addAll(ids(reply.get("bins")));
            if (page < 3) {
                assertThat(text(reply, "next")).isEqualTo(seen.get(seen.size() - 1));
            } else {
                assertThat(text(reply, "next")).isNull();
            }
        }
        JsonNode beyond = get("/api/v1/organizations/{org}/bins?size=7&page=4", city.organizationId())
                .getBody();

        assertThat(seen).containsExactlyElementsOf(city.listed());
        assertThat(beyond.get("bins").size()).isZero();
        assertThat(text(beyond, "next")).isNull();
    }

    @Test
    void listsBinsWithTheirCustomerAndOrganizationNames() throws Exception {
        City city = city();

        JsonNode first = get("/api/v1/organizations/{org}/bins?size=1", city.organizationId())
                .getBody()
                .get("bins")
                .get(0);

        assertThat(first.get("binId").asText()).isEqualTo(city.listed().get(0));
        assertThat(text(first, "organizationName")).isEqualTo("Dispatch Co");
        assertThat(text(first, "customerName")).isEqualTo("Corner Bakery");
        assertThat(text(first, "serviceAddress")).isEqualTo("Market Sq 1");
        assertThat(first.get("removed").asBoolean()).isFalse();
    }

    @Test
    void returnsOnlyActiveBinsWithinTheRadiusNearestFirst() throws Exception {
        City city = city();
        double radius = 2000;
        List<Placed> expected = city.active().stream()
                .filter(bin -> bin.metres() < radius)
                .sorted(Comparator.comparingDouble(Placed::metres))
                .toList();

        JsonNode bins = within(city.organizationId(), CENTRE_LATITUDE, CENTRE_LONGITUDE, radius, null)
                .getBody()
                .get("bins");

        assertThat(ids(bins))
                .containsExactlyElementsOf(expected.stream().map(Placed::binId).toList());
        assertThat(ids(bins)).doesNotContainAnyElementsOf(city.hidden());
        assertDistances(bins, expected);
    }

    @Test
    void stopsAtTheLimitKeepingTheNearest() throws Exception {
        City city = city();
        List<Placed> expected = city.active().stream()
                .sorted(Comparator.comparingDouble(Placed::metres))
                .limit(3)
                .toList();

        JsonNode bins = within(city.organizationId(), CENTRE_LATITUDE, CENTRE_LONGITUDE, 2000, 3)
                .getBody()
                .get("bins");

        assertThat(ids(bins))
                .containsExactlyElementsOf(expected.stream().map(Placed::binId).toList());
    }

    @Test
    void returnsTheNearestActiveBinsInDistanceOrder() throws Exception {
        City city = city();
        List<Placed> expected = city.active().stream()
                .sorted(Comparator.comparingDouble(Placed::metres))
                .limit(5)
                .toList();

        ResponseEntity<JsonNode> reply = get(
                "/api/v1/organizations/{org}/bins/nearest?latitude={lat}&longitude={lon}&limit=5",
                city.organizationId(),
                CENTRE_LATITUDE,
                CENTRE_LONGITUDE);

        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode bins = reply.getBody().get("bins");
        assertThat(ids(bins))
                .containsExactlyElementsOf(expected.stream().map(Placed::binId).toList());
        assertThat(ids(bins)).doesNotContainAnyElementsOf(city.hidden());
        assertDistances(bins, expected);
    }

    @Test
    void returnsTenNearestByDefaultEvenFarFromEveryBin() throws Exception {
        City city = city();
        // About 40 km west of the city: every bin is far, and the nearest are still this organization's.
        double latitude = CENTRE_LATITUDE;
        double longitude = CENTRE_LONGITUDE - 40_000 / (METRES_PER_DEGREE * Math.cos(Math.toRadians(latitude)));
        List<String> expected = city.active().stream()
                .sorted(Comparator.comparingDouble(bin -> Geodesy.sphereMetres(
                        new Geodesy.Point(longitude, latitude), new Geodesy.Point(bin.longitude(), bin.latitude()))))
                .limit(10)
                .map(Placed::binId)
                .toList();

        JsonNode bins = get(
                        "/api/v1/organizations/{org}/bins/nearest?latitude={lat}&longitude={lon}",
                        city.organizationId(),
                        latitude,
                        longitude)
                .getBody()
                .get("bins");

        assertThat(ids(bins)).containsExactlyElementsOf(expected);
    }

    @Test
    void seesABinPlacedJustBeforeWhenGivenItsToken() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        // Once the organization is projected the listener is surely running, so the one bounded wait
        // below is only for the bin's own event.
        awaitProjected(List.of(events.publish(new OrganizationRegistered(organizationId, "Fresh Co", AT), 0)));
        ConsistencyToken token = events.publish(placed(binId, organizationId, point(10, 0)), 0);
        HttpHeaders headers = new HttpHeaders();
        headers.set("Consistency-Token", token.encode());

        ResponseEntity<JsonNode> near = http.exchange(
                "/api/v1/organizations/{org}/bins/within?latitude={lat}&longitude={lon}&radiusMetres=100",
                HttpMethod.GET,
                new HttpEntity<>(headers),
                JsonNode.class,
                organizationId,
                CENTRE_LATITUDE,
                CENTRE_LONGITUDE);
        ResponseEntity<JsonNode> nearest = get(
                "/api/v1/organizations/{org}/bins/nearest?latitude={lat}&longitude={lon}&minPosition={token}",
                organizationId,
                CENTRE_LATITUDE,
                CENTRE_LONGITUDE,
                token.encode());
        ResponseEntity<JsonNode> page =
                get("/api/v1/organizations/{org}/bins?minPosition={token}", organizationId, token.encode());

        assertThat(ids(near.getBody().get("bins"))).containsExactly(binId);
        assertThat(ids(nearest.getBody().get("bins"))).containsExactly(binId);
        assertThat(ids(page.getBody().get("bins"))).containsExactly(binId);
        assertThat(Long.parseLong(page.getHeaders().getFirst("Projection-Position")))
                .isGreaterThanOrEqualTo(token.globalPosition());
        assertThat(page.getHeaders().getFirst("Server-Timing")).matches("app;dur=\\d+\\.\\d{3}");
    }

    @Test
    void refusesARadiusOfZero() {
        assertRefused(within("any", CENTRE_LATITUDE, CENTRE_LONGITUDE, 0, null), "radiusMetres");
    }

    @Test
    void refusesARadiusAboveFiftyKilometres() {
        assertRefused(within("any", CENTRE_LATITUDE, CENTRE_LONGITUDE, 60_000, null), "radiusMetres");
    }

    @Test
    void refusesALatitudeBeyondNinetyDegrees() {
        assertRefused(within("any", 91, CENTRE_LONGITUDE, 1000, null), "latitude");
        assertRefused(
                get("/api/v1/organizations/any/bins/nearest?latitude=91&longitude={lon}", CENTRE_LONGITUDE),
                "latitude");
    }

    @Test
    void refusesLimitsAndPageSizesOutOfRange() {
        assertRefused(within("any", CENTRE_LATITUDE, CENTRE_LONGITUDE, 1000, 2001), "limit");
        assertRefused(
                get(
                        "/api/v1/organizations/any/bins/nearest?latitude={lat}&longitude={lon}&limit=101",
                        CENTRE_LATITUDE,
                        CENTRE_LONGITUDE),
                "limit");
        assertRefused(get("/api/v1/organizations/any/bins?size=501"), "size");
        assertRefused(get("/api/v1/organizations/any/bins?size=0"), "size");
        assertRefused(get("/api/v1/organizations/any/bins?page=-1"), "page");
    }

    @Test
    void refusesAPageNumberTogetherWithACursor() {
        assertRefused(get("/api/v1/organizations/any/bins?page=1&after=x"), "page");
    }

    @Test
    void refusesACoordinateThatIsNotANumber() {
        assertRefused(
                get("/api/v1/organizations/any/bins/nearest?latitude=north&longitude={lon}", CENTRE_LONGITUDE),
                "latitude");
    }

    @Test
    void refusesAMissingRadius() {
        assertRefused(
                get(
                        "/api/v1/organizations/any/bins/within?latitude={lat}&longitude={lon}",
                        CENTRE_LATITUDE,
                        CENTRE_LONGITUDE),
                "radiusMetres");
    }

    /** The organization whose dispatcher asks, its bins, and everything the queries must leave out. */
    private record City(String organizationId, List<Placed> active, List<String> listed, List<String> hidden) {}

    /** @param metres great-circle distance from the centre */
    private record Placed(String binId, double latitude, double longitude, double metres) {}

    /**
     * Placed once for the whole class; each test reads, none writes to these organizations. The other
     * organization's bins sit closest to the centre, and inactive and removed bins sit among the
     * active ones, so any of them leaking into an answer would show at the top.
     */
    private City city() throws Exception {
        if (city != null) {
            return city;
        }
        String organizationId = UUID.randomUUID().toString();
        String otherOrganizationId = UUID.randomUUID().toString();
        String customerId = UUID.randomUUID().toString();
        List<ConsistencyToken> tokens = new ArrayList<>();
        tokens.add(events.publish(new OrganizationRegistered(organizationId, "Dispatch Co", AT), 0));
        tokens.add(events.publish(new OrganizationRegistered(otherOrganizationId, "Rival Hauling", AT), 0));
        tokens.add(events.publish(
                new CustomerRegistered(
                        customerId,
                        organizationId,
                        "Corner Bakery",
                        "Market Sq 1",
                        new GeoPoint(CENTRE_LONGITUDE, CENTRE_LATITUDE),
                        AT),
                0));
        // Names are copied into a bin's row when it is placed, so let them land first.
        awaitProjected(tokens);
        tokens.clear();

        // Ids share a prefix and differ in a two-digit suffix, so every collation sorts them alike.
        String prefix = UUID.randomUUID().toString().replace("-", "");
        String otherPrefix = UUID.randomUUID().toString().replace("-", "");
        List<Placed> active = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        int n = 0;
        for (double metres : ACTIVE_METRES) {
            String binId = prefix + String.format("%02d", n);
            GeoPoint location = point(metres, n++);
            tokens.add(events.publish(placed(binId, organizationId, customerId, location), 0));
            double distance = Geodesy.sphereMetres(
                    new Geodesy.Point(CENTRE_LONGITUDE, CENTRE_LATITUDE),
                    new Geodesy.Point(location.longitude(), location.latitude()));
            active.add(new Placed(binId, location.latitude(), location.longitude(), distance));
            listed.add(binId);
        }
        for (BinStatus status : List.of(BinStatus.INACTIVE, BinStatus.MAINTENANCE)) {
            String binId = prefix + String.format("%02d", n);
            GeoPoint location = point(status == BinStatus.INACTIVE ? 90 : 640, n++);
            events.publish(placed(binId, organizationId, customerId, location), 0);
            tokens.add(events.publish(new BinStatusChanged(binId, organizationId, BinStatus.ACTIVE, status, AT), 1));
            listed.add(binId);
            hidden.add(binId);
        }
        for (double metres : new double[] {40, 800}) {
            String binId = prefix + String.format("%02d", n);
            events.publish(placed(binId, organizationId, customerId, point(metres, n++)), 0);
            tokens.add(events.publish(new BinRemoved(binId, organizationId, AT), 1));
            hidden.add(binId);
        }
        for (double metres : new double[] {20, 60, 180, 380, 1000, 1900}) {
            String binId = otherPrefix + String.format("%02d", n);
            tokens.add(events.publish(placed(binId, otherOrganizationId, point(metres, n++)), 0));
            hidden.add(binId);
        }
        awaitProjected(tokens);

        for (Placed bin : active) {
            assertThat(Math.abs(bin.metres() - 2000))
                    .as("bin %s is clearly inside or outside 2 km", bin.binId())
                    .isGreaterThan(100.0);
        }
        listed.sort(Comparator.naturalOrder());
        city = new City(organizationId, List.copyOf(active), List.copyOf(listed), List.copyOf(hidden));
        return city;
    }

    /** A point at that distance from the centre, each bin at another bearing (golden angle apart). */
    private static GeoPoint point(double metres, int index) {
        double bearing = Math.toRadians(index * 137.5);
        double north = metres * Math.cos(bearing);
        double east = metres * Math.sin(bearing);
        double latitude = CENTRE_LATITUDE + north / METRES_PER_DEGREE;
        double longitude = CENTRE_LONGITUDE + east / (METRES_PER_DEGREE * Math.cos(Math.toRadians(CENTRE_LATITUDE)));
        return new GeoPoint(longitude, latitude);
    }

    /**
     * PostGIS and Geodesy measure on the same sphere (the WGS 84 mean radius) and agree to
     * well under a millimetre; 5 cm leaves room for the coordinates' rounding on the way.
     */
    private static void assertDistances(JsonNode bins, List<Placed> expected) {
        double previous = 0;
        for (int i = 0; i < expected.size(); i++) {
            double reported = bins.get(i).get("distanceMetres").asDouble();
            double metres = expected.get(i).metres();
            assertThat(reported).isCloseTo(metres, Offset.offset(0.05));
            assertThat(reported).isGreaterThanOrEqualTo(previous);
            previous = reported;
        }
    }

    private static void assertRefused(ResponseEntity<JsonNode> reply, String field) {
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode errors = reply.getBody().get("errors");
        assertThat(errors.size()).isEqualTo(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
        assertThat(errors.get(0).get("reason").asText()).isNotBlank();
    }

    private ResponseEntity<JsonNode> within(
            String organizationId, double latitude, double longitude, double radiusMetres, Integer limit) {
        String url = "/api/v1/organizations/{org}/bins/within?latitude={lat}&longitude={lon}&radiusMetres={radius}";
        return limit == null
                ? get(url, organizationId, latitude, longitude, radiusMetres)
                : get(url + "&limit={limit}", organizationId, latitude, longitude, radiusMetres, limit);
    }

    private ResponseEntity<JsonNode> get(String url, Object... variables) {
        return http.getForEntity(url, JsonNode.class, variables);
    }

    /**
     * Waits through the query API itself: each call holds until its token's event is projected.
     * Asked again after a 503, because right after start-up the listener may still be joining its group.
     */
    private void awaitProjected(List<ConsistencyToken> tokens) {
        for (ConsistencyToken token : tokens) {
            ResponseEntity<JsonNode> reply =
                    get("/api/v1/organizations/any/bins?size=1&minPosition={token}", token.encode());
            for (int attempt = 0; attempt < 10 && reply.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE; attempt++) {
                reply = get("/api/v1/organizations/any/bins?size=1&minPosition={token}", token.encode());
            }
            assertThat(reply.getStatusCode()).as("token %s", token).isEqualTo(HttpStatus.OK);
        }
    }

    private static List<String> ids(JsonNode bins) {
        List<String> ids = new ArrayList<>();
        bins.forEach(bin -> ids.add(bin.get("binId").asText()));
        return ids;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static BinPlaced placed(String binId, String organizationId, String customerId, GeoPoint location) {
        return new BinPlaced(
                binId,
                organizationId,
                customerId,
                "T-" + binId.substring(binId.length() - 2),
                ContainerType.CART,
                WasteStream.GENERAL,
                240,
                location,
                AT);
    }

    /** A bin whose customer was never registered: its customer name stays empty. */
    private static BinPlaced placed(String binId, String organizationId, GeoPoint location) {
        return placed(binId, organizationId, "customer-of-" + binId, location);
    }
}
