package io.haulstream.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatus;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.RouteType;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.Topics;
import io.haulstream.events.WasteStream;
import io.haulstream.query.EventsTopic;
import io.haulstream.testtokens.TokenMint;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail on the real servers: bin and route events published to a real Kafka topic with the
 * actor headers the relay sets, projected, and read back newest first page by page; with who changed
 * a bin or route last on its own row and on its services, and another tenant's bin hidden exactly
 * like a missing one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class AuditTrailIT {

    private static final TokenMint MINT = TokenMint.test();
    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");
    private static final GeoPoint BERLIN = new GeoPoint(13.4, 52.52);
    private static final String FLEET = "city-trucks";

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.audit");

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    @Autowired
    private TestRestTemplate http;

    private static Town town;

    record Town(String organizationId, String otherOrganizationId, String binId, String routeId, String binOfOther) {}

    @Test
    void aBinsTrailNamesEveryChangeAndItsActorNewestFirstPageByPage() throws Exception {
        Town town = town();

        List<JsonNode> entries = readAll("/api/v1/organizations/{org}/bins/{id}/audit", town, town.binId(), 2);

        assertThat(entries)
                .extracting(entry -> entry.get("event").asText())
                .containsExactly("BinServiced", "BinFillLevelReported", "BinStatusChanged", "BinMoved", "BinPlaced");
        assertThat(entries).extracting(entry -> entry.get("sequence").asLong()).containsExactly(4L, 3L, 2L, 1L, 0L);
        JsonNode serviced = entries.get(0);
        assertThat(serviced.get("actor").get("subject").asText()).isEqualTo(FLEET);
        assertThat(serviced.get("actor").get("client").asText()).isEqualTo(FLEET);
        assertThat(serviced.get("actor").get("role").asText()).isEqualTo("fleet-system");
        assertThat(entries.get(1).get("actor").isNull())
                .as("an event stored before actors were recorded names none")
                .isTrue();
        JsonNode placed = entries.get(4);
        assertThat(placed.get("actor").get("subject").asText()).isEqualTo("anna");
        assertThat(placed.get("actor").get("client").asText()).isEqualTo("board");
        assertThat(placed.get("actor").get("role").asText()).isEqualTo("dispatcher");
        assertThat(placed.get("correlationId").asText()).isEqualTo("command-place");
        assertThat(Instant.parse(placed.get("occurredAt").asText())).isEqualTo(AT);
        assertThat(entries.get(2).get("actor").get("subject").asText()).isEqualTo("ben");
    }

    @Test
    void aRoutesTrailNamesItsActors() throws Exception {
        Town town = town();

        List<JsonNode> entries = readAll("/api/v1/organizations/{org}/routes/{id}/audit", town, town.routeId(), 100);

        assertThat(entries)
                .extracting(entry -> entry.get("event").asText() + " by "
                        + entry.get("actor").get("subject").asText())
                .containsExactly("RouteStatusChanged by " + FLEET, "RouteCreated by olga");
    }

    @Test
    void theBinAndRouteRowsAndTheServicesNameWhoChangedThemLast() throws Exception {
        Town town = town();

        JsonNode bin = get("/api/v1/organizations/{org}/bins/{id}", town.organizationId(), town.binId())
                .getBody();
        JsonNode route = get("/api/v1/organizations/{org}/routes/{id}", town.organizationId(), town.routeId())
                .getBody();
        JsonNode services = get(
                        "/api/v1/organizations/{org}/bins/{id}/service-history", town.organizationId(), town.binId())
                .getBody();

        assertThat(bin.get("changedBy").asText()).isEqualTo(FLEET);
        assertThat(Instant.parse(bin.get("changedAt").asText())).isEqualTo(AT);
        assertThat(route.get("changedBy").asText()).isEqualTo(FLEET);
        assertThat(services.get("services").get(0).get("recordedBy").asText()).isEqualTo(FLEET);
    }

    @Test
    void anotherOrganizationsBinAnswersExactlyLikeAMissingOne() throws Exception {
        Town town = town();
        String path = "/api/v1/organizations/" + town.organizationId() + "/bins/";
        String token = MINT.dispatcher(town.organizationId());

        ResponseEntity<JsonNode> foreign = getAs(path + town.binOfOther() + "/audit", token);
        String missingId = UUID.randomUUID().toString();
        ResponseEntity<JsonNode> missing = getAs(path + missingId + "/audit", token);
        ResponseEntity<JsonNode> foreignRoute = getAs(
                "/api/v1/organizations/" + town.otherOrganizationId() + "/routes/" + town.routeId() + "/audit",
                MINT.dispatcher(town.otherOrganizationId()));

        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(normalized(foreign, town.binOfOther())).isEqualTo(normalized(missing, missingId));
        assertThat(foreignRoute.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // Its own organization's analyst reads it; the other organization's dispatcher by its path cannot.
        String own = "/api/v1/organizations/" + town.otherOrganizationId() + "/bins/" + town.binOfOther() + "/audit";
        assertThat(getAs(own, MINT.analyst(town.otherOrganizationId())).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(getAs(own, MINT.dispatcher(town.organizationId())).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesALimitOutOfBoundsAndACursorItDidNotGiveOut() throws Exception {
        Town town = town();
        String bin = "/api/v1/organizations/" + town.organizationId() + "/bins/" + town.binId() + "/audit";
        assertRefused(getAs(bin + "?limit=501", null), "limit");
        assertRefused(getAs(bin + "?limit=0", null), "limit");
        assertRefused(getAs(bin + "?after=not-a-cursor", null), "after");
    }

    /** One organization's bin and route with five and two events, and another organization's bin. */
    private Town town() throws Exception {
        if (town != null) {
            return town;
        }
        String organizationId = UUID.randomUUID().toString();
        String otherId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        String routeId = UUID.randomUUID().toString();
        String binOfOther = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationId, "Audit Hauling", AT), 0);
        events.publish(new OrganizationRegistered(otherId, "Other Hauling", AT), 0);
        events.publishWith(
                new BinPlaced(
                        binId, organizationId, null, "A-1", ContainerType.CART, WasteStream.GENERAL, 240, BERLIN, AT),
                0,
                actor("anna", "board", "dispatcher", "command-place"));
        events.publishWith(
                new BinMoved(binId, organizationId, new GeoPoint(13.41, 52.52), AT),
                1,
                actor("ben", "board", "dispatcher", "command-move"));
        events.publishWith(
                new BinStatusChanged(binId, organizationId, BinStatus.ACTIVE, BinStatus.MAINTENANCE, AT),
                2,
                actor("ben", "board", "dispatcher", "command-status"));
        events.publish(new BinFillLevelReported(binId, organizationId, 40, null, AT), 3);
        ConsistencyToken lastOfBin = events.publishWith(
                new BinServiced(binId, organizationId, null, ServiceOutcome.EMPTIED, 12.0, "rec-1", "truck-1", AT),
                4,
                actor(FLEET, FLEET, "fleet-system", "command-service"));
        events.publishWith(
                new RouteCreated(
                        routeId,
                        organizationId,
                        "Audit loop",
                        RouteType.RESIDENTIAL,
                        DayOfWeek.MONDAY,
                        "north",
                        List.of(BERLIN, new GeoPoint(13.42, 52.53)),
                        AT),
                0,
                actor("olga", "admin-console", "org-admin", "command-route"));
        ConsistencyToken lastOfRoute = events.publishWith(
                new RouteStatusChanged(routeId, organizationId, RouteStatus.PLANNED, RouteStatus.ACTIVE, AT),
                1,
                actor(FLEET, FLEET, "fleet-system", "command-route-status"));
        ConsistencyToken other = events.publishWith(
                new BinPlaced(
                        binOfOther, otherId, null, "B-1", ContainerType.CART, WasteStream.GENERAL, 240, BERLIN, AT),
                0,
                actor("other", "board", "dispatcher", "command-other"));
        for (ConsistencyToken token : List.of(lastOfBin, lastOfRoute)) {
            awaitProjected(organizationId, token);
        }
        awaitProjected(otherId, other);
        town = new Town(organizationId, otherId, binId, routeId, binOfOther);
        return town;
    }

    private static Map<String, String> actor(String subject, String client, String roles, String correlationId) {
        return Map.of(
                Topics.HEADER_ACTOR_SUBJECT, subject,
                Topics.HEADER_ACTOR_CLIENT, client,
                Topics.HEADER_ACTOR_ROLES, roles,
                Topics.HEADER_CORRELATION_ID, correlationId);
    }

    /** A read with the token waits for its event (answering 503 while it is not projected in time). */
    private void awaitProjected(String organizationId, ConsistencyToken token) {
        String path = "/api/v1/organizations/" + organizationId + "/bins?size=1&minPosition=" + token.encode();
        ResponseEntity<JsonNode> seen = getAs(path, null);
        for (int attempt = 0; attempt < 10 && seen.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE; attempt++) {
            seen = getAs(path, null);
        }
        assertThat(seen.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** Follows next until the last page, checking each page is at most the size asked. */
    private List<JsonNode> readAll(String template, Town town, String id, int size) {
        List<JsonNode> entries = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = (after == null
                            ? get(template + "?limit={size}", town.organizationId(), id, size)
                            : get(template + "?limit={size}&after={after}", town.organizationId(), id, size, after))
                    .getBody();
            assertThat(page.get("entries").size()).isLessThanOrEqualTo(size);
            page.get("entries").forEach(entries::add);
            after = page.get("next").isNull() ? null : page.get("next").asText();
            assertThat(++pages).as("pages").isLessThan(20);
        } while (after != null);
        return entries;
    }

    private ResponseEntity<JsonNode> get(String url, Object... variables) {
        return http.getForEntity(url, JsonNode.class, variables);
    }

    /** With the token given, or the tests' default caller for the path's organization when null. */
    private ResponseEntity<JsonNode> getAs(String path, String token) {
        var request = RequestEntity.get(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return http.exchange(request.build(), JsonNode.class);
    }

    private static String normalized(ResponseEntity<JsonNode> reply, String id) {
        ObjectNode body = reply.getBody().deepCopy();
        body.remove("instance");
        return body.toString().replace(id, "<id>");
    }

    private static void assertRefused(ResponseEntity<JsonNode> reply, String field) {
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.getBody().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }
}
