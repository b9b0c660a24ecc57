package io.haulstream.command.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haulstream.testtokens.TokenMint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who may send which command, on the real application: every refusal is paired with the same call
 * accepted for the right caller, so a test that passes because everything is refused cannot pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("it")
class CommandAccessIT {

    private static final TokenMint MINT = TokenMint.test();
    private static final String ORG = "/api/v1/organizations/{organizationId}";

    /**
     * Every operation of the OpenAPI document, with a role that may call it and one that may not.
     * A new endpoint without a row fails {@link #everyEndpointOfTheDocumentHasARow}.
     */
    private static final Map<String, Row> ROWS = new LinkedHashMap<>();

    record Row(String allowed, String refused, boolean organizationScoped) {}

    static {
        row("post /api/v1/organizations", TokenMint.PLATFORM_ADMIN, TokenMint.ORG_ADMIN, false);
        row("put " + ORG, TokenMint.PLATFORM_ADMIN, TokenMint.ORG_ADMIN, false);
        row("put " + ORG + "/name", TokenMint.PLATFORM_ADMIN, TokenMint.ORG_ADMIN, false);
        row("post " + ORG + "/deactivation", TokenMint.PLATFORM_ADMIN, TokenMint.DISPATCHER, false);
        for (String customers : new String[] {
            "post " + ORG + "/customers",
            "put " + ORG + "/customers/{customerId}",
            "delete " + ORG + "/customers/{customerId}"
        }) {
            row(customers, TokenMint.ORG_ADMIN, TokenMint.DISPATCHER, true);
        }
        for (String territories : new String[] {
            "post " + ORG + "/territories",
            "put " + ORG + "/territories/{territoryId}/boundary",
            "delete " + ORG + "/territories/{territoryId}"
        }) {
            row(territories, TokenMint.ORG_ADMIN, TokenMint.DISPATCHER, true);
        }
        for (String binOrRoute : new String[] {
            "post " + ORG + "/bins",
            "put " + ORG + "/bins/{binId}/location",
            "put " + ORG + "/bins/{binId}/status",
            "delete " + ORG + "/bins/{binId}",
            "post " + ORG + "/routes",
            "put " + ORG + "/routes/{routeId}/geometry",
            "put " + ORG + "/routes/{routeId}/stops/{binId}",
            "delete " + ORG + "/routes/{routeId}/stops/{binId}",
            "delete " + ORG + "/routes/{routeId}"
        }) {
            row(binOrRoute, TokenMint.DISPATCHER, TokenMint.FLEET_SYSTEM, true);
        }
        for (String fleet : new String[] {
            "post " + ORG + "/bins/{binId}/fill-levels",
            "post " + ORG + "/bins/{binId}/services",
            "put " + ORG + "/routes/{routeId}/status"
        }) {
            row(fleet, TokenMint.FLEET_SYSTEM, TokenMint.ANALYST, true);
        }
    }

    private static void row(String operation, String allowed, String refused, boolean organizationScoped) {
        ROWS.put(operation, new Row(allowed, refused, organizationScoped));
    }

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ObjectMapper json;

    private static String organizationA;
    private static String organizationB;

    @BeforeAll
    static void organizations(@Autowired TestRestTemplate http) {
        organizationA = register(http, "Access A " + UUID.randomUUID());
        organizationB = register(http, "Access B " + UUID.randomUUID());
    }

    @Test
    void everyEndpointOfTheDocumentHasARow() {
        JsonNode paths = http.getForObject("/api/openapi", JsonNode.class).get("paths");
        Set<String> documented = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> documented.add(method + " " + path.getKey())));
        assertThat(documented).isEqualTo(new TreeSet<>(ROWS.keySet()));
    }

    @Test
    void everyEndpointRefusesNoBadExpiredForeignTokenAndWrongRoleAndHidesOtherOrganizations() {
        ROWS.forEach((operation, row) -> {
            String[] methodAndPath = operation.split(" ");
            HttpMethod method = HttpMethod.valueOf(methodAndPath[0].toUpperCase());
            // Organizations' own commands go to one nobody has registered: a deactivation must not hit A.
            String path = concrete(
                    methodAndPath[1],
                    row.organizationScoped() ? organizationA : UUID.randomUUID().toString());
            String as = operation + " as ";

            assertUnauthorized(call(method, path, null), as + "nobody", "a bearer token is required");
            assertUnauthorized(
                    call(
                            method,
                            path,
                            caller(row.allowed())
                                    .lifetime(Duration.ofMinutes(-30))
                                    .mint()),
                    as + "an expired token",
                    "expired");
            assertUnauthorized(
                    call(
                            method,
                            path,
                            TokenMint.untrusted()
                                    .caller("x")
                                    .roles(row.allowed())
                                    .organizations(organizationA)
                                    .mint()),
                    as + "a token of a key nobody trusts",
                    "not valid");
            assertUnauthorized(
                    call(
                            method,
                            path,
                            MINT.asIssuer("https://elsewhere.example")
                                    .caller("x")
                                    .roles(row.allowed())
                                    .organizations(organizationA)
                                    .mint()),
                    as + "another issuer's token",
                    "iss");

            ResponseEntity<JsonNode> wrongRole =
                    call(method, path, caller(row.refused()).mint());
            assertThat(wrongRole.getStatusCode()).as(as + row.refused()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(wrongRole.getBody().at("/errors/0/field").asText()).isEqualTo("roles");

            ResponseEntity<JsonNode> allowed =
                    call(method, path, caller(row.allowed()).mint());
            assertThat(allowed.getStatusCode().value()).as(as + row.allowed()).isNotIn(401, 403);
            if (row.organizationScoped()) {
                // The body is empty and the ids are unknown: a 400 or 404 past the access check.
                assertThat(allowed.getStatusCode())
                        .as(as + row.allowed())
                        .isIn(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND);
                ResponseEntity<JsonNode> elsewhere = call(
                        method,
                        concrete(methodAndPath[1], organizationB),
                        caller(row.allowed()).mint());
                assertThat(elsewhere.getStatusCode())
                        .as(as + row.allowed() + " of another organization")
                        .isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(withoutInstance(elsewhere.getBody())).isEqualTo(withoutInstance(missingBin()));
            }
        });
    }

    @Test
    void aDispatcherWritesInTheirOrganizationOnlyAndAnotherTenantsBinIsMissing() {
        String binOfB = placeBin(organizationB, MINT.dispatcher(organizationB))
                .getBody()
                .get("id")
                .asText();
        String status = "/api/v1/organizations/%s/bins/%s/status";
        Map<String, String> retire = Map.of("status", "RETIRED");

        ResponseEntity<JsonNode> viaPathOfB =
                send(HttpMethod.PUT, status.formatted(organizationB, binOfB), retire, MINT.dispatcher(organizationA));
        ResponseEntity<JsonNode> viaOwnPath =
                send(HttpMethod.PUT, status.formatted(organizationA, binOfB), retire, MINT.dispatcher(organizationA));
        ResponseEntity<JsonNode> missing = send(
                HttpMethod.PUT,
                status.formatted(organizationA, UUID.randomUUID()),
                retire,
                MINT.dispatcher(organizationA));
        assertThat(viaPathOfB.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(viaOwnPath.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(withoutInstance(viaPathOfB.getBody()))
                .isEqualTo(withoutInstance(viaOwnPath.getBody()))
                .isEqualTo(withoutInstance(missing.getBody()));
        assertThat(viaPathOfB.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        ResponseEntity<JsonNode> byItsOwnDispatcher =
                send(HttpMethod.PUT, status.formatted(organizationB, binOfB), retire, MINT.dispatcher(organizationB));
        assertThat(byItsOwnDispatcher.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void everyEventOfACommandNamesItsActorAndTheCommandThatCausedIt() throws Exception {
        String dispatcher = MINT.caller("alice")
                .client("dispatch-console")
                .roles(TokenMint.DISPATCHER)
                .organizations(organizationA)
                .mint();
        String bin = placeBin(organizationA, dispatcher).getBody().get("id").asText();
        JsonNode metaData = json.readTree(jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class,
                bin));
        assertThat(metaData.get("actorSubject").asText()).isEqualTo("alice");
        assertThat(metaData.get("actorClient").asText()).isEqualTo("dispatch-console");
        assertThat(metaData.get("actorRoles").asText()).isEqualTo("dispatcher");
        assertThat(metaData.get("correlationId").asText()).isNotBlank();
    }

    @Test
    void analystsSendNoCommandEvenInTheirOrganization() {
        ResponseEntity<JsonNode> refused = placeBin(organizationA, MINT.analyst(organizationA));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody().at("/title").asText()).isEqualTo("Forbidden");
        assertThat(refused.getBody().at("/errors/0/reason").asText()).contains("roles do not allow POST");
        assertThat(placeBin(organizationA, MINT.orgAdmin(organizationA)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aFleetSystemReportsServicesButPlacesNoBin() {
        String bin = placeBin(organizationA, MINT.dispatcher(organizationA))
                .getBody()
                .get("id")
                .asText();
        String fleet = MINT.fleetSystem(organizationA);
        assertThat(placeBin(organizationA, fleet).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // A fleet system reports as its token's client, which must be bound to the bin's organization.
        jdbc.update(
                "insert into fleet_system_bindings (fleet_system, organization_id, bound_at) values (?, ?, now())"
                        + " on conflict do nothing",
                "haulstream-tests",
                organizationA);
        ResponseEntity<JsonNode> serviced = send(
                HttpMethod.POST,
                "/api/v1/organizations/" + organizationA + "/bins/" + bin + "/services",
                Map.of("outcome", "EMPTIED", "weightKg", 12.5),
                fleet);
        assertThat(serviced.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /**
     * A fleet system over HTTP is its token's client: its bindings are checked against that client,
     * its record ids claimed under it, and a body naming another fleet system is refused.
     */
    @Test
    void aFleetSystemReportsOverHttpAsItsTokensClient() {
        String bin = placeBin(organizationA, MINT.dispatcher(organizationA))
                .getBody()
                .get("id")
                .asText();
        String client = "http-trucks-" + UUID.randomUUID().toString().substring(0, 8);
        String fleet = MINT.caller("truck-gateway")
                .client(client)
                .roles(TokenMint.FLEET_SYSTEM)
                .organizations(organizationA)
                .mint();
        String services = "/api/v1/organizations/" + organizationA + "/bins/" + bin + "/services";
        Map<String, Object> record = Map.of("outcome", "EMPTIED", "fleetRecordId", client + ":1");

        ResponseEntity<JsonNode> unbound = send(HttpMethod.POST, services, record, fleet);
        assertThat(unbound.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        jdbc.update(
                "insert into fleet_system_bindings (fleet_system, organization_id, bound_at) values (?, ?, now())",
                client,
                organizationA);
        ResponseEntity<JsonNode> disagreeing = send(
                HttpMethod.POST,
                services,
                Map.of("outcome", "EMPTIED", "fleetRecordId", client + ":2", "fleetSystem", "someone-else"),
                fleet);
        assertThat(disagreeing.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(disagreeing.getBody().at("/errors/0/field").asText()).isEqualTo("fleetSystem");
        assertThat(disagreeing.getBody().at("/errors/0/reason").asText()).contains(client);

        assertThat(send(HttpMethod.POST, services, record, fleet).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(send(
                                HttpMethod.POST,
                                services,
                                Map.of("outcome", "EMPTIED", "fleetRecordId", client + ":3", "fleetSystem", client),
                                fleet)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForList(
                        "select fleet_system from fleet_records_applied where aggregate_id = ?", String.class, bin))
                .containsExactly(client, client);
    }

    @Test
    void aPlatformAdministratorRegistersAnOrganizationUnderAChosenIdOnce() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/organizations/" + id;
        String admin = MINT.platformAdmin();
        assertThat(send(HttpMethod.PUT, path, Map.of("name", "Chosen"), MINT.orgAdmin(id))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send(HttpMethod.PUT, path, Map.of("name", "Chosen"), admin).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(send(HttpMethod.PUT, path, Map.of("name", "Chosen"), admin).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> renamed = send(HttpMethod.PUT, path, Map.of("name", "Another"), admin);
        assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(renamed.getBody().at("/errors/0/field").asText()).isEqualTo("organizationId");
        assertThat(send(HttpMethod.PUT, "/api/v1/organizations/not-a-uuid", Map.of("name", "X"), admin)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        // The organization it registered takes customers from its administrator.
        assertThat(send(
                                HttpMethod.POST,
                                path + "/customers",
                                Map.of(
                                        "name",
                                        "Bakery",
                                        "serviceAddress",
                                        "Main St 1",
                                        "location",
                                        Map.of("latitude", 52.5, "longitude", 13.4)),
                                MINT.orgAdmin(id))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void healthAndPrometheusAnswerWithoutATokenTheRestOfTheActuatorOnlyOperators() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, "/actuator/metrics", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.GET, "/actuator/metrics", MINT.dispatcher(organizationA))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/actuator/metrics", MINT.operator()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private static void assertUnauthorized(ResponseEntity<JsonNode> reply, String as, String reasonContains) {
        assertThat(reply.getStatusCode()).as(as).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(reply.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .as(as)
                .startsWith("Bearer");
        assertThat(reply.getBody().at("/errors/0/field").asText()).as(as).isEqualTo("Authorization");
        assertThat(reply.getBody().at("/errors/0/reason").asText()).as(as).contains(reasonContains);
    }

    private TokenMint.Caller caller(String role) {
        return MINT.caller(role + "-of-a").roles(role).organizations(organizationA);
    }

    private JsonNode missingBin() {
        return send(
                        HttpMethod.DELETE,
                        "/api/v1/organizations/" + organizationA + "/bins/" + UUID.randomUUID(),
                        null,
                        MINT.dispatcher(organizationA))
                .getBody();
    }

    private static JsonNode withoutInstance(JsonNode problem) {
        ObjectNode copy = problem.deepCopy();
        copy.remove("instance");
        return copy;
    }

    private static String concrete(String template, String organizationId) {
        String path = template.replace("{organizationId}", organizationId);
        while (path.contains("{")) {
            path = path.replaceFirst("\\{[^}]+}", UUID.randomUUID().toString());
        }
        return path;
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, String token) {
        return send(method, path, method == HttpMethod.DELETE ? null : Map.of(), token);
    }

    private ResponseEntity<JsonNode> send(HttpMethod method, String path, Object body, String token) {
        RequestEntity.BodyBuilder request = RequestEntity.method(method, path).contentType(MediaType.APPLICATION_JSON);
        // An explicit header, even an empty one, keeps the tests' default caller away.
        request.header(HttpHeaders.AUTHORIZATION, token == null ? "" : "Bearer " + token);
        return http.exchange(body == null ? request.build() : request.body(body), JsonNode.class);
    }

    private ResponseEntity<JsonNode> placeBin(String organizationId, String token) {
        String customer = send(
                        HttpMethod.POST,
                        "/api/v1/organizations/" + organizationId + "/customers",
                        Map.of(
                                "name",
                                "Bakery",
                                "serviceAddress",
                                "Main St 1",
                                "location",
                                Map.of("latitude", 52.5, "longitude", 13.4)),
                        MINT.orgAdmin(organizationId))
                .getBody()
                .get("id")
                .asText();
        return send(
                HttpMethod.POST,
                "/api/v1/organizations/" + organizationId + "/bins",
                Map.of(
                        "customerId",
                        customer,
                        "tag",
                        "T-" + UUID.randomUUID(),
                        "containerType",
                        "CART",
                        "wasteStream",
                        "RECYCLING",
                        "capacityLitres",
                        240,
                        "location",
                        Map.of("latitude", 52.5, "longitude", 13.4)),
                token);
    }

    private static String register(TestRestTemplate http, String name) {
        RequestEntity<Map<String, String>> request = RequestEntity.post("/api/v1/organizations")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + MINT.platformAdmin())
                .body(Map.of("name", name));
        return http.exchange(request, JsonNode.class).getBody().get("id").asText();
    }
}
