package io.haulstream.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinServiced;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.ContainerType;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.RouteType;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.WasteStream;
import io.haulstream.query.EventsTopic;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * Service history, the directory and routes on the map on the real servers: events published to a
 * real Kafka topic as the relay publishes them, projected, and read back over HTTP page by page.
 * The expected order is worked out here from the services as published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class ServiceHistoryIT {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.service-history");

    private static Town town;

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    /** One service as published: what the history must give back. */
    record Service(
            String binId,
            long sequence,
            String routeId,
            ServiceOutcome outcome,
            Double weightKg,
            String vehicleId,
            Instant at) {}

    record Town(
            String organizationId,
            String customerId,
            String routeId,
            String otherRouteId,
            List<String> bins,
            List<Service> services,
            ConsistencyToken last) {

        BinServiced serviced(Service service) {
            return new BinServiced(
                    service.binId(),
                    organizationId,
                    service.routeId(),
                    service.outcome(),
                    service.weightKg(),
                    "fleet:" + service.binId() + ":" + service.sequence(),
                    service.vehicleId(),
                    service.at());
        }
    }

    @Test
    void aBinsHistoryComesNewestFirstPageByPage() throws Exception {
        Town town = town();
        String binId = town.bins().get(0);
        List<Service> expected = town.services().stream()
                .filter(service -> service.binId().equals(binId))
                .sorted(Comparator.comparing(Service::at)
                        .thenComparingLong(Service::sequence)
                        .reversed())
                .toList();

        List<JsonNode> read = readAll("/api/v1/organizations/{org}/bins/{id}/service-history", town, binId, 3);

        assertThat(read)
                .extracting(node -> node.get("sequence").asLong())
                .containsExactlyElementsOf(
                        expected.stream().map(Service::sequence).toList());
        assertThat(read)
                .extracting(node -> node.get("vehicleId").isNull()
                        ? null
                        : node.get("vehicleId").asText())
                .containsExactlyElementsOf(
                        expected.stream().map(Service::vehicleId).toList())
                .contains((String) null)
                .anyMatch(vehicle -> vehicle != null);
        JsonNode newest = read.get(0);
        Service first = expected.get(0);
        assertThat(newest.get("outcome").asText()).isEqualTo(first.outcome().name());
        assertThat(Instant.parse(newest.get("servicedAt").asText())).isEqualTo(first.at());
        assertThat(newest.get("tag").asText()).isEqualTo("T-0");
    }

    @Test
    void aRoutesHistoryHoldsEveryBinsServicesOnItNewestFirst() throws Exception {
        Town town = town();
        List<Service> expected = town.services().stream()
                .filter(service -> town.routeId().equals(service.routeId()))
                .sorted(Comparator.comparing(Service::at)
                        .thenComparing(Service::binId)
                        .thenComparingLong(Service::sequence)
                        .reversed())
                .toList();

        List<JsonNode> read =
                readAll("/api/v1/organizations/{org}/routes/{id}/service-history", town, town.routeId(), 2);

        assertThat(read)
                .extracting(node ->
                        node.get("binId").asText() + "#" + node.get("sequence").asLong())
                .containsExactlyElementsOf(expected.stream()
                        .map(service -> service.binId() + "#" + service.sequence())
                        .toList());
        assertThat(read)
                .allSatisfy(node -> assertThat(node.get("routeName").asText()).isEqualTo("Harbour loop"));
    }

    @Test
    void aServiceDeliveredAgainIsKeptOnce() throws Exception {
        Town town = town();
        Service service = town.services().get(0);
        ConsistencyToken again = events.publish(town.serviced(service), service.sequence());
        assertThat(get(
                                "/api/v1/organizations/{org}/bins/{id}/service-history?minPosition={t}",
                                town.organizationId(),
                                service.binId(),
                                again.encode())
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        Integer rows = jdbc.queryForObject(
                "select count(*) from read_model.service_history where bin_id = ?", Integer.class, service.binId());
        assertThat(rows).isEqualTo((int) town.services().stream()
                .filter(s -> s.binId().equals(service.binId()))
                .count());
    }

    @Test
    void anotherOrganizationSeesNoServices() throws Exception {
        Town town = town();
        JsonNode page = get(
                        "/api/v1/organizations/{org}/bins/{id}/service-history",
                        "someone-else",
                        town.bins().get(0))
                .getBody();
        assertThat(page.get("services").size()).isZero();
    }

    @Test
    void refusesACursorItDidNotGiveOut() throws Exception {
        Town town = town();
        assertRefused(
                get(
                        "/api/v1/organizations/{org}/bins/{id}/service-history?after=not-a-cursor",
                        town.organizationId(),
                        "b"),
                "after");
        assertRefused(get("/api/v1/organizations/{org}/routes/{id}/service-history?after=eA", "o", "r"), "after");
        assertRefused(get("/api/v1/organizations/o/customers?after=!!"), "after");
        assertRefused(get("/api/v1/organizations/o/bins/b/service-history?limit=501"), "limit");
        assertRefused(get("/api/v1/organizations/o/routes/r/service-history?limit=0"), "limit");
    }

    @Test
    void listsCustomersWithTheirBinsAndEachBinsLatestService() throws Exception {
        Town town = town();
        JsonNode customers = get("/api/v1/organizations/{org}/customers?limit=10", town.organizationId())
                .getBody()
                .get("customers");

        assertThat(customers.size()).isEqualTo(1);
        JsonNode customer = customers.get(0);
        assertThat(customer.get("customerId").asText()).isEqualTo(town.customerId());
        List<String> binIds = new ArrayList<>();
        customer.get("bins").forEach(bin -> binIds.add(bin.get("binId").asText()));
        assertThat(binIds)
                .containsExactlyElementsOf(town.bins().stream().sorted().toList());
        for (JsonNode bin : customer.get("bins")) {
            Service latest = town.services().stream()
                    .filter(service -> service.binId().equals(bin.get("binId").asText()))
                    .max(Comparator.comparing(Service::at).thenComparingLong(Service::sequence))
                    .orElseThrow();
            assertThat(Instant.parse(bin.get("latestService").get("servicedAt").asText()))
                    .isEqualTo(latest.at());
            assertThat(bin.get("latestService").get("outcome").asText())
                    .isEqualTo(latest.outcome().name());
        }
        JsonNode organization =
                get("/api/v1/organizations/{org}", town.organizationId()).getBody();
        assertThat(organization.get("name").asText()).isEqualTo("History Hauling");
    }

    @Test
    void listsRoutesWithFiltersPageByPage() throws Exception {
        Town town = town();
        JsonNode active = get("/api/v1/organizations/{org}/routes?status=ACTIVE", town.organizationId())
                .getBody();
        JsonNode planned = get(
                        "/api/v1/organizations/{org}/routes?status=PLANNED&serviceDay=FRIDAY", town.organizationId())
                .getBody();
        JsonNode first = get("/api/v1/organizations/{org}/routes?limit=1", town.organizationId())
                .getBody();
        JsonNode second = get(
                        "/api/v1/organizations/{org}/routes?limit=1&after={after}",
                        town.organizationId(),
                        first.get("next").asText())
                .getBody();

        assertThat(ids(active.get("routes"), "routeId")).containsExactly(town.routeId());
        assertThat(ids(planned.get("routes"), "routeId")).containsExactly(town.otherRouteId());
        List<String> both = new ArrayList<>(ids(first.get("routes"), "routeId"));
        both.addAll(ids(second.get("routes"), "routeId"));
        assertThat(both)
                .containsExactlyElementsOf(
                        Stream.of(town.routeId(), town.otherRouteId()).sorted().toList());
        assertThat(second.get("next").isNull()).isTrue();
        assertRefused(get("/api/v1/organizations/o/routes?status=SOMETIMES"), "status");
    }

    @Test
    void showsTheActiveRouteOnTheMapAndTheBinsAlongIt() throws Exception {
        Town town = town();
        JsonNode within = get(
                        "/api/v1/organizations/{org}/routes/within?latitude=52.5405&longitude=13.3805&radiusMetres=500",
                        town.organizationId())
                .getBody();
        JsonNode crossing = get(
                        "/api/v1/organizations/{org}/routes/crossing?west=13.37&south=52.53&east=13.39&north=52.55",
                        town.organizationId())
                .getBody();
        JsonNode along = get(
                        "/api/v1/organizations/{org}/routes/{id}/bins?withinMetres=200",
                        town.organizationId(),
                        town.routeId())
                .getBody();

        assertThat(ids(within.get("routes"), "routeId")).containsExactly(town.routeId());
        assertThat(within.get("routes").get(0).get("distanceMetres").asDouble()).isBetween(0.0, 500.0);
        assertThat(ids(crossing.get("routes"), "routeId")).containsExactly(town.routeId());
        assertThat(ids(along.get("bins"), "binId")).containsExactlyElementsOf(town.bins());
        assertRefused(get("/api/v1/organizations/o/routes/crossing?west=13.4&south=52&east=13.3&north=53"), "east");
        assertRefused(
                get("/api/v1/organizations/o/routes/within?latitude=52&longitude=190&radiusMetres=10"), "longitude");
        assertRefused(get("/api/v1/organizations/o/routes/r/bins?withinMetres=5000"), "withinMetres");
        assertThat(get("/api/v1/organizations/o/routes/missing/bins").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesAPageNumberPastTheOffsetLimitNamingTheCursor() {
        ResponseEntity<JsonNode> reply = get("/api/v1/organizations/o/bins?page=101&size=100");
        assertRefused(reply, "page");
        assertThat(reply.getBody().get("errors").get(0).get("reason").asText()).contains("after=");
        assertThat(get("/api/v1/organizations/o/bins?page=100&size=100").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /**
     * One organization, one customer with two bins along the harbour loop (active, driven Monday)
     * and a planned route elsewhere; nine services, two of them at the same instant, most on the loop.
     */
    private Town town() throws Exception {
        if (town != null) {
            return town;
        }
        String organizationId = UUID.randomUUID().toString();
        String customerId = UUID.randomUUID().toString();
        String routeId = UUID.randomUUID().toString();
        String otherRouteId = UUID.randomUUID().toString();
        String prefix = UUID.randomUUID().toString();
        List<String> bins = List.of(prefix + "-a", prefix + "-b");
        events.publish(new OrganizationRegistered(organizationId, "History Hauling", AT), 0);
        events.publish(
                new CustomerRegistered(
                        customerId, organizationId, "Dock Cafe", "Pier 1", new GeoPoint(13.38, 52.54), AT),
                0);
        for (int i = 0; i < bins.size(); i++) {
            events.publish(
                    new BinPlaced(
                            bins.get(i),
                            organizationId,
                            customerId,
                            "T-" + i,
                            ContainerType.CART,
                            WasteStream.GENERAL,
                            240,
                            new GeoPoint(13.3745 + i * 0.01, 52.5403),
                            AT),
                    0);
        }
        events.publish(
                new RouteCreated(
                        routeId,
                        organizationId,
                        "Harbour loop",
                        RouteType.RESIDENTIAL,
                        DayOfWeek.MONDAY,
                        "Harbour",
                        List.of(new GeoPoint(13.37, 52.54), new GeoPoint(13.39, 52.54)),
                        AT),
                0);
        events.publish(new RouteStatusChanged(routeId, organizationId, RouteStatus.PLANNED, RouteStatus.ACTIVE, AT), 1);
        events.publish(
                new RouteCreated(
                        otherRouteId,
                        organizationId,
                        "Far away",
                        RouteType.COMMERCIAL,
                        DayOfWeek.FRIDAY,
                        "Hills",
                        List.of(new GeoPoint(13.6, 52.4), new GeoPoint(13.62, 52.41)),
                        AT),
                0);
        List<Service> services = new ArrayList<>();
        ServiceOutcome[] outcomes = ServiceOutcome.values();
        long[] sequences = {1, 1};
        for (int i = 0; i < 9; i++) {
            int bin = i % 3 == 2 ? 1 : 0;
            // Services 3 and 4 happen at the same instant, as a crew's scanner may stamp them.
            Instant at = AT.plusSeconds(i == 4 ? 3 * 3600 : i * 3600);
            String route = i == 5 ? null : i == 7 ? otherRouteId : routeId;
            services.add(new Service(
                    bins.get(bin),
                    sequences[bin]++,
                    route,
                    outcomes[i % outcomes.length],
                    i % 2 == 0 ? 100.0 + i : null,
                    i % 3 == 0 ? null : "truck-" + i,
                    at));
        }
        ConsistencyToken last = null;
        for (Service service : services) {
            last = events.publish(
                    new Town(organizationId, customerId, routeId, otherRouteId, bins, services, null).serviced(service),
                    service.sequence());
        }
        ResponseEntity<JsonNode> reply = null;
        for (int attempt = 0; attempt < 10 && (reply == null || reply.getStatusCode() != HttpStatus.OK); attempt++) {
            reply = get("/api/v1/organizations/any/bins?size=1&minPosition={token}", last.encode());
        }
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        // The last service's token covers its own partition only: wait for every aggregate's last event.
        for (String binId : bins) {
            awaitCount(
                    "select count(*) from read_model.service_history where bin_id = ?",
                    services.stream().filter(s -> s.binId().equals(binId)).count(),
                    binId);
        }
        awaitCount("select count(*) from read_model.routes where organization_id = ?", 2, organizationId);
        awaitCount("select count(*) from read_model.routes where route_id = ? and status = 'ACTIVE'", 1, routeId);
        awaitCount("select count(*) from read_model.customers where customer_id = ?", 1, customerId);
        awaitCount("select count(*) from read_model.organizations where organization_id = ?", 1, organizationId);
        town = new Town(organizationId, customerId, routeId, otherRouteId, bins, services, last);
        return town;
    }

    private void awaitCount(String sql, long expected, Object... arguments) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(sql, Long.class, arguments) == expected);
    }

    private List<JsonNode> readAll(String url, Town town, String id, int limit) {
        List<JsonNode> read = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 20; pages++) {
            JsonNode page = after == null
                    ? get(url + "?limit={limit}", town.organizationId(), id, limit)
                            .getBody()
                    : get(url + "?limit={limit}&after={after}", town.organizationId(), id, limit, after)
                            .getBody();
            assertThat(page.get("services").size()).isLessThanOrEqualTo(limit);
            page.get("services").forEach(read::add);
            after = page.get("next").isNull() ? null : page.get("next").asText();
            if (after == null) {
                return read;
            }
        }
        throw new AssertionError("more pages than services");
    }

    private ResponseEntity<JsonNode> get(String url, Object... variables) {
        return http.getForEntity(url, JsonNode.class, variables);
    }

    private static List<String> ids(JsonNode rows, String field) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get(field).asText()));
        return ids;
    }

    private static void assertRefused(ResponseEntity<JsonNode> reply, String field) {
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.getBody().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }
}
