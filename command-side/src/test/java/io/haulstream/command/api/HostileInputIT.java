package io.haulstream.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.haulstream.testtokens.PathOrganizationCaller;
import io.haulstream.testtokens.TokenMint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a hostile or careless client sends: oversized bodies, over-long or control-character texts in
 * every text field of every command, JSON nested past reason, ids in the path that are no ids. Each
 * is refused with problem+json naming what to fix, and none stores an event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class HostileInputIT {

    /** Escapes every non-ASCII character, so that a lone surrogate reaches the server as sent. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final TokenMint MINT = TokenMint.test();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The limits the README promises for each text field; written here once, not read from the code. */
    private static final int NAME = 200;

    private static final int TAG = 64;
    private static final int ID = 64;
    private static final int RECORD_ID = 255;
    private static final int BODY_BYTES = 1_048_576;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    private String organization;
    private String customer;
    private String bin;
    private String route;

    @BeforeEach
    void city() throws Exception {
        organization = id(send("POST", "/api/v1/organizations", Map.of("name", "Hostile Co")));
        jdbc.update(
                "insert into fleet_system_bindings (fleet_system, organization_id, bound_at) values ('it-trucks', ?, now())",
                organization);
        customer = id(send("POST", org("/customers"), customerBody("Shop", "Main St 1")));
        bin = id(send(
                "POST",
                org("/bins"),
                binBody(customer, "H-" + UUID.randomUUID().toString().substring(0, 8))));
        route = id(send("POST", org("/routes"), routeBody("Monday", "Mitte")));
    }

    /** Every text field of every command request, each with its limit. */
    static Stream<Arguments> textFields() {
        return Stream.of(
                Arguments.of("organization name", NAME, "name"),
                Arguments.of("organization rename", NAME, "name"),
                Arguments.of("customer name", NAME, "name"),
                Arguments.of("customer serviceAddress", NAME, "serviceAddress"),
                Arguments.of("customer update name", NAME, "name"),
                Arguments.of("bin customerId", ID, "customerId"),
                Arguments.of("bin tag", TAG, "tag"),
                Arguments.of("service routeId", ID, "routeId"),
                Arguments.of("service fleetRecordId", RECORD_ID, "fleetRecordId"),
                Arguments.of("route name", NAME, "name"),
                Arguments.of("route territory", NAME, "territory"),
                Arguments.of("territory name", NAME, "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textFields")
    void refusesATextOneCharacterTooLongNamingTheField(String request, int limit, String field) throws Exception {
        assertRefused(request, "x".repeat(limit + 1), field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textFields")
    void refusesAControlCharacterNamingTheField(String request, int limit, String field) throws Exception {
        assertRefused(request, "ok\u0007bell", field);
        assertRefused(request, "ok\u0000nul", field);
        assertRefused(request, "ok\u009bcsi", field);
        assertRefused(request, "lone \ud800 surrogate", field);
    }

    @Test
    void refusesAFleetSystemThatIsNoPrincipalName() throws Exception {
        assertRefused("service fleetSystem", "trucks; drop table bins", "fleetSystem");
    }

    @Test
    void refusesABodyOverTheLimitWhetherItsLengthIsAnnouncedOrNot() throws Exception {
        byte[] huge = ("{\"name\":\"" + "x".repeat(BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        long before = events();

        HttpResponse<String> announced =
                send("POST", "/api/v1/organizations", HttpRequest.BodyPublishers.ofByteArray(huge), Map.of());
        HttpResponse<String> chunked = send(
                "POST",
                "/api/v1/organizations",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)),
                Map.of());

        for (HttpResponse<String> reply : List.of(announced, chunked)) {
            assertThat(reply.statusCode()).isEqualTo(413);
            assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(field(reply)).isEqualTo("body");
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void refusesJsonNestedPastTheLimitNamingTheBody() throws Exception {
        String deep = "{\"name\":\"Deep\",\"x\":" + "[".repeat(50) + "]".repeat(50) + "}";
        long before = events();

        HttpResponse<String> reply = send("POST", "/api/v1/organizations", deep);

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(field(reply)).isEqualTo("body");
        assertThat(JSON.readTree(reply.body())
                        .get("errors")
                        .get(0)
                        .get("reason")
                        .asText())
                .contains("nesting depth");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void refusesANumberWithMoreDigitsThanAnyCoordinateNeeds() throws Exception {
        String body = "{\"latitude\":52." + "1".repeat(100) + ",\"longitude\":13.4}";

        HttpResponse<String> reply = send("PUT", org("/bins/" + bin + "/location"), body);

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(field(reply)).isEqualTo("body");
    }

    /** Jackson would turn each of these into a value the client never sent. */
    @Test
    void refusesAValueOfTheWrongTypeInsteadOfConvertingIt() throws Exception {
        Map<String, String> bodies = Map.of(
                "POST /api/v1/organizations",
                "{\"name\":123}",
                "POST " + org("/bins/" + bin + "/fill-levels"),
                "{\"fillPercent\":\"80\"}",
                "POST " + org("/bins/" + bin + "/services"),
                "{\"outcome\":0}",
                "PUT " + org("/bins/" + bin + "/location"),
                "{\"latitude\":\"NaN\",\"longitude\":13.4}");
        Map<String, String> fields = Map.of(
                "POST /api/v1/organizations",
                "name",
                "POST " + org("/bins/" + bin + "/fill-levels"),
                "fillPercent",
                "POST " + org("/bins/" + bin + "/services"),
                "outcome",
                "PUT " + org("/bins/" + bin + "/location"),
                "latitude");
        for (Map.Entry<String, String> call : bodies.entrySet()) {
            long before = events();
            String[] methodAndPath = call.getKey().split(" ", 2);

            HttpResponse<String> reply = send(methodAndPath[0], methodAndPath[1], call.getValue());

            assertThat(reply.statusCode()).as(call.getValue()).isEqualTo(400);
            assertThat(field(reply)).as(call.getValue()).isEqualTo(fields.get(call.getKey()));
            assertThat(events()).isEqualTo(before);
        }
    }

    @Test
    void refusesAnIdInThePathThatIsNoIdNamingThePathVariable() throws Exception {
        HttpResponse<String> reply =
                send("PUT", org("/bins/" + "b".repeat(ID + 1) + "/status"), "{\"status\":\"RETIRED\"}");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(field(reply)).isEqualTo("binId");
    }

    @Test
    void refusesAnIdempotencyKeyWithAControlCharacter() throws Exception {
        HttpResponse<String> reply = send(
                "POST",
                "/api/v1/organizations",
                HttpRequest.BodyPublishers.ofString("{\"name\":\"Keyed\"}"),
                Map.of("Idempotency-Key", "key\twith-a-tab"));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(field(reply)).isEqualTo("Idempotency-Key");
    }

    private void assertRefused(String request, String text, String field) throws Exception {
        long before = events();
        Map.Entry<String, Object> call = call(request, text);
        String[] methodAndPath = call.getKey().split(" ", 2);

        HttpResponse<String> reply = send(methodAndPath[0], methodAndPath[1], JSON.writeValueAsString(call.getValue()));

        assertThat(reply.statusCode()).as(reply.body()).isIn(400, 422);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(field(reply)).as(reply.body()).isEqualTo(field);
        assertThat(events()).isEqualTo(before);
    }

    /** The request, as method and path, and its body with {@code text} in the field under test. */
    private Map.Entry<String, Object> call(String request, String text) {
        return switch (request) {
            case "organization name" -> Map.entry("POST /api/v1/organizations", Map.of("name", text));
            case "organization rename" -> Map.entry("PUT " + org("/name"), Map.of("name", text));
            case "customer name" -> Map.entry("POST " + org("/customers"), customerBody(text, "Main St 1"));
            case "customer serviceAddress" -> Map.entry("POST " + org("/customers"), customerBody("Shop", text));
            case "customer update name" -> Map.entry("PUT " + org("/customers/" + customer), customerBody(text, "A 1"));
            case "bin customerId" -> Map.entry("POST " + org("/bins"), binBody(text, "T-1"));
            case "bin tag" -> Map.entry("POST " + org("/bins"), binBody(customer, text));
            case "service routeId" ->
                Map.entry("POST " + org("/bins/" + bin + "/services"), service(text, "it-trucks", "r-1"));
            case "service fleetSystem" ->
                Map.entry("POST " + org("/bins/" + bin + "/services"), service(null, text, "r-1"));
            case "service fleetRecordId" ->
                Map.entry("POST " + org("/bins/" + bin + "/services"), service(null, "it-trucks", text));
            case "route name" -> Map.entry("POST " + org("/routes"), routeBody(text, "Mitte"));
            case "route territory" -> Map.entry("POST " + org("/routes"), routeBody("Monday", text));
            case "territory name" ->
                Map.entry("POST " + org("/territories"), Map.of("name", text, "boundary", square()));
            default -> throw new IllegalArgumentException(request);
        };
    }

    private String org(String path) {
        return "/api/v1/organizations/" + organization + path;
    }

    private static Map<String, Object> customerBody(String name, String address) {
        return Map.of("name", name, "serviceAddress", address, "location", point(52.52, 13.40));
    }

    private static Map<String, Object> binBody(String customerId, String tag) {
        return Map.of(
                "customerId",
                customerId,
                "tag",
                tag,
                "containerType",
                "CART",
                "wasteStream",
                "GENERAL",
                "capacityLitres",
                240,
                "location",
                point(52.52, 13.40));
    }

    private static Map<String, Object> routeBody(String name, String territory) {
        return Map.of(
                "name",
                name,
                "type",
                "RESIDENTIAL",
                "serviceDay",
                "MONDAY",
                "territory",
                territory,
                "path",
                List.of(point(52.52, 13.40), point(52.53, 13.41)));
    }

    private static Map<String, Object> service(String routeId, String fleetSystem, String recordId) {
        Map<String, Object> body = new HashMap<>();
        body.put("outcome", "EMPTIED");
        body.put("routeId", routeId);
        body.put("fleetSystem", fleetSystem);
        body.put("fleetRecordId", recordId);
        return body;
    }

    private static List<Map<String, Object>> square() {
        return List.of(
                point(52.51, 13.39),
                point(52.51, 13.42),
                point(52.53, 13.42),
                point(52.53, 13.39),
                point(52.51, 13.39));
    }

    private static Map<String, Object> point(double latitude, double longitude) {
        return Map.of("latitude", latitude, "longitude", longitude);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private static String id(HttpResponse<String> reply) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body()).get("id").asText();
    }

    private static String field(HttpResponse<String> reply) throws IOException {
        JsonNode problem = JSON.readTree(reply.body());
        return problem.get("errors").get(0).get("field").asText();
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        return send(method, path, HttpRequest.BodyPublishers.ofString(json), Map.of());
    }

    /** Every request of this test is built here, as an entitled caller of the path unless it names its own. */
    private HttpResponse<String> send(
            String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body);
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + PathOrganizationCaller.tokenFor(MINT, path));
        }
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
