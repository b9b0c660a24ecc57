package io.haulstream.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.WasteStream;
import io.haulstream.query.EventsTopic;
import io.haulstream.testtokens.TokenMint;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
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
 * Who may read what, on the real application: every refusal is paired with the same read answered
 * for the right caller, and another organization's data answers exactly as missing data does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class QueryAccessIT {

    private static final TokenMint MINT = TokenMint.test();
    private static final String ORG = "/api/v1/organizations/{organizationId}";
    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.access");

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    /** Every read of the OpenAPI document; a new one without a row fails the first test. */
    private static final Map<String, Row> ROWS = new LinkedHashMap<>();

    /** @param streams a reply that stays open: its allowed call is not made */
    record Row(String allowed, String refused, boolean organizationScoped, boolean streams) {}

    static {
        ROWS.put("/api/v1/organizations", new Row(TokenMint.PLATFORM_ADMIN, TokenMint.DISPATCHER, false, false));
        ROWS.put("/api/v1/statistics/routes", new Row(TokenMint.PLATFORM_ADMIN, TokenMint.ANALYST, false, false));
        ROWS.put("/api/v1/statistics/bins", new Row(TokenMint.PLATFORM_ADMIN, TokenMint.ANALYST, false, false));
        for (String read : new String[] {
            ORG,
            ORG + "/customers",
            ORG + "/bins",
            ORG + "/bins/within",
            ORG + "/bins/nearest",
            ORG + "/bins/tagged",
            ORG + "/bins/{binId}",
            ORG + "/bins/{binId}/service-history",
            ORG + "/bins/{binId}/audit",
            ORG + "/routes",
            ORG + "/routes/within",
            ORG + "/routes/crossing",
            ORG + "/routes/{routeId}",
            ORG + "/routes/{routeId}/bins",
            ORG + "/routes/{routeId}/service-history",
            ORG + "/routes/{routeId}/audit",
            ORG + "/routes/{routeId}/performance",
            ORG + "/statistics/routes",
            ORG + "/statistics/bins",
            ORG + "/territories",
            ORG + "/territories/{territoryId}",
            ORG + "/tiles/{layer}/{z}/{x}/{y}.mvt"
        }) {
            ROWS.put(read, new Row(TokenMint.DISPATCHER, TokenMint.FLEET_SYSTEM, true, false));
        }
        ROWS.put(ORG + "/statistics/stream", new Row(TokenMint.ANALYST, TokenMint.FLEET_SYSTEM, true, true));
    }

    @Autowired
    private TestRestTemplate http;

    private static String organizationA;
    private static String organizationB;
    private static String binOfB;

    @BeforeEach
    void city() throws Exception {
        if (binOfB != null) {
            return;
        }
        organizationA = UUID.randomUUID().toString();
        organizationB = UUID.randomUUID().toString();
        binOfB = UUID.randomUUID().toString();
        events.publish(new OrganizationRegistered(organizationA, "Access A", AT), 0);
        events.publish(new OrganizationRegistered(organizationB, "Access B", AT), 0);
        ConsistencyToken placed = events.publish(
                new BinPlaced(
                        binOfB,
                        organizationB,
                        "customer-of-" + binOfB,
                        "B-1",
                        ContainerType.CART,
                        WasteStream.GENERAL,
                        240,
                        new GeoPoint(13.4, 52.52),
                        AT),
                0);
        String path = "/api/v1/organizations/" + organizationB + "/bins/" + binOfB + "?minPosition=" + placed.encode();
        ResponseEntity<JsonNode> seen = get(path, MINT.dispatcher(organizationB));
        for (int attempt = 0; attempt < 10 && seen.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE; attempt++) {
            seen = get(path, MINT.dispatcher(organizationB));
        }
        assertThat(seen.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void everyReadOfTheDocumentHasARow() {
        JsonNode paths = http.getForObject("/api/openapi", JsonNode.class).get("paths");
        Set<String> documented = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            assertThat(method).as(path.getKey()).isEqualTo("get");
            documented.add(path.getKey());
        }));
        assertThat(documented).isEqualTo(new TreeSet<>(ROWS.keySet()));
    }

    @Test
    void everyReadRefusesNoBadExpiredForeignTokenAndWrongRoleAndHidesOtherOrganizations() {
        ROWS.forEach((template, row) -> {
            String path = concrete(template, organizationA);
            String as = template + " as ";
            assertUnauthorized(get(path, null), as + "nobody", "a bearer token is required");
            assertUnauthorized(
                    get(
                            path,
                            caller(row.allowed())
                                    .lifetime(Duration.ofMinutes(-30))
                                    .mint()),
                    as + "expired",
                    "expired");
            assertUnauthorized(
                    get(
                            path,
                            TokenMint.untrusted()
                                    .caller("x")
                                    .roles(row.allowed())
                                    .organizations(organizationA)
                                    .mint()),
                    as + "untrusted key",
                    "not valid");
            assertUnauthorized(
                    get(
                            path,
                            MINT.asIssuer("https://elsewhere.example")
                                    .caller("x")
                                    .roles(row.allowed())
                                    .organizations(organizationA)
                                    .mint()),
                    as + "another issuer",
                    "iss");

            ResponseEntity<JsonNode> wrongRole = get(path, caller(row.refused()).mint());
            assertThat(wrongRole.getStatusCode()).as(as + row.refused()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(wrongRole.getBody().at("/errors/0/field").asText()).isEqualTo("roles");

            if (!row.streams()) {
                ResponseEntity<JsonNode> allowed =
                        get(path, caller(row.allowed()).mint());
                assertThat(allowed.getStatusCode().value())
                        .as(as + row.allowed())
                        .isNotIn(401, 403);
            }
            if (row.organizationScoped()) {
                ResponseEntity<JsonNode> elsewhere = get(
                        concrete(template, organizationB), caller(row.allowed()).mint());
                assertThat(elsewhere.getStatusCode())
                        .as(as + row.allowed() + " of another organization")
                        .isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(normalized(elsewhere, organizationB)).isEqualTo(missingOrganization());
            }
        });
    }

    @Test
    void anotherOrganizationsBinAnswersLikeAMissingBin() {
        ResponseEntity<JsonNode> foreign =
                get("/api/v1/organizations/" + organizationA + "/bins/" + binOfB, MINT.dispatcher(organizationA));
        String missingId = UUID.randomUUID().toString();
        ResponseEntity<JsonNode> missing =
                get("/api/v1/organizations/" + organizationA + "/bins/" + missingId, MINT.dispatcher(organizationA));
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(normalized(foreign, binOfB)).isEqualTo(normalized(missing, missingId));
        assertThat(foreign.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        // Its own organization's dispatcher and analyst read it; the other organization's cannot, even by its own path.
        String own = "/api/v1/organizations/" + organizationB + "/bins/" + binOfB;
        assertThat(get(own, MINT.dispatcher(organizationB)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(own, MINT.analyst(organizationB)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(own, MINT.dispatcher(organizationA)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(own, MINT.dispatcher(organizationA)).getBody().toString())
                .doesNotContain("B-1");
    }

    @Test
    void aPlatformAdministratorReadsOrganizationsButNoTenantsBins() {
        assertThat(get("/api/v1/organizations/" + organizationB, MINT.platformAdmin())
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(get("/api/v1/organizations/" + organizationB + "/bins", MINT.platformAdmin())
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/v1/organizations?limit=5", MINT.platformAdmin()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(get("/api/v1/organizations?limit=5", MINT.analyst(organizationB))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static void assertUnauthorized(ResponseEntity<JsonNode> reply, String as, String reasonContains) {
        assertThat(reply.getStatusCode()).as(as).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(reply.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .as(as)
                .startsWith("Bearer");
        assertThat(reply.getBody().at("/errors/0/field").asText()).as(as).isEqualTo("Authorization");
        assertThat(reply.getBody().at("/errors/0/reason").asText()).as(as).contains(reasonContains);
    }

    /** A platform administrator's answer for an organization that does not exist, its id blanked. */
    private String missingOrganization() {
        String missing = UUID.randomUUID().toString();
        return normalized(get("/api/v1/organizations/" + missing, MINT.platformAdmin()), missing);
    }

    /** The body without the request's path, and with the id it names blanked. */
    private String normalized(ResponseEntity<JsonNode> reply, String id) {
        var body = reply.getBody().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("instance");
        return body.toString().replace(id, "<id>");
    }

    private TokenMint.Caller caller(String role) {
        return MINT.caller(role + "-of-a").roles(role).organizations(organizationA);
    }

    private static String concrete(String template, String organizationId) {
        String path = template.replace("{organizationId}", organizationId);
        while (path.contains("{")) {
            path = path.replaceFirst("\\{[^}]+}", UUID.randomUUID().toString());
        }
        return path;
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        // An explicit header, even an empty one, keeps the tests' default caller away.
        RequestEntity<Void> request = RequestEntity.get(path)
                .header(HttpHeaders.AUTHORIZATION, token == null ? "" : "Bearer " + token)
                .build();
        return http.exchange(request, JsonNode.class);
    }
}
