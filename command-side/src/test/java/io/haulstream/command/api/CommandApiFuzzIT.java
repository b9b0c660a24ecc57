package io.haulstream.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.command.CommandSideApplication;
import io.haulstream.command.HostileJson;
import io.haulstream.command.domain.InputLimits;
import io.haulstream.testtokens.PathOrganizationCaller;
import io.haulstream.testtokens.TokenMint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command API over real HTTP under generated hostile bodies (wrong types, huge numbers, NaN,
 * control characters, deep nesting, unknown enums, SQL and script fragments, cut-off JSON): never a
 * 5xx, never an event stored on a refusal, and the texts it accepts are stored exactly as sent (names
 * trimmed, as the README says), read back from the event store. jqwik runs outside Spring's test
 * support, so the application is started here as the run command starts it, with the test profile.
 * Tries: {@code jqwik.tries.default} (junit-platform.properties); more with {@code -Djqwik.tries.default=}.
 */
class CommandApiFuzzIT {

    private static final ObjectMapper LENIENT = new ObjectMapper();
    private static final TokenMint MINT = TokenMint.test();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ConfigurableApplicationContext application;
    private static JdbcTemplate jdbc;
    private static int port;

    private String organization;
    private String customer;
    private String bin;
    private String route;

    @BeforeContainer
    static void start() {
        application = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("it")
                // An argument, not a default property: application.yml's COMMAND_SIDE_PORT would win over
                // a default, and the test would clash with a command side running on 8081.
                .run("--server.port=0");
        port = Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
        jdbc = application.getBean(JdbcTemplate.class);
    }

    @AfterContainer
    static void stop() {
        application.close();
    }

    /** A fresh organization for each property, so what one property's accepted commands did never decides another's. */
    @BeforeProperty
    void city() throws Exception {
        organization = created(send("POST", "/api/v1/organizations", "{\"name\":\"Fuzz Co\"}"));
        customer = created(
                send(
                        "POST",
                        org("/customers"),
                        "{\"name\":\"Shop\",\"serviceAddress\":\"Main St 1\",\"location\":{\"latitude\":52.5,\"longitude\":13.4}}"));
        bin = created(
                send("POST", org("/bins"), placeBin(HostileJson.quoted("F-" + UUID.randomUUID()), "240", "52.5")));
        route = created(
                send(
                        "POST",
                        org("/routes"),
                        "{\"name\":\"Monday\",\"type\":\"RESIDENTIAL\",\"serviceDay\":\"MONDAY\",\"territory\":\"Mitte\","
                                + "\"path\":[{\"latitude\":52.5,\"longitude\":13.4},{\"latitude\":52.51,\"longitude\":13.41}]}"));
    }

    @Property
    void placesABinAsSentOrRefusesItChangingNothing(@ForAll("binPlacements") String body) throws Exception {
        long before = events();

        HttpResponse<String> reply = send("POST", org("/bins"), body);

        assertThat(reply.statusCode()).as(reply.body()).isLessThan(500);
        if (reply.statusCode() == 201) {
            JsonNode sent = LENIENT.readTree(body);
            JsonNode placed =
                    firstEvent(LENIENT.readTree(reply.body()).get("id").asText());
            assertThat(placed.get("tag").textValue()).isEqualTo(sent.get("tag").textValue());
            assertThat(placed.get("capacityLitres").intValue())
                    .isEqualTo(sent.get("capacityLitres").intValue());
            assertThat(InputLimits.isPlainText(placed.get("tag").textValue())).isTrue();
        } else {
            assertRefusedAsProblem(reply, before);
        }
    }

    @Property
    void keepsAnOrganizationsNameAsSentOrRefusesIt(@ForAll("names") String name) throws Exception {
        long before = events();
        String body = "{\"name\":" + HostileJson.quoted(name) + "}";

        HttpResponse<String> reply = send("POST", "/api/v1/organizations", body);

        assertThat(reply.statusCode()).as(reply.body()).isLessThan(500);
        if (reply.statusCode() == 201) {
            JsonNode registered =
                    firstEvent(LENIENT.readTree(reply.body()).get("id").asText());
            // Names are trimmed (the README's rule for every name), and otherwise kept to the last code unit.
            assertThat(registered.get("name").textValue()).isEqualTo(name.strip());
        } else {
            assertRefusedAsProblem(reply, before);
        }
    }

    @Property
    void answersAnyCommandWithAnyBodyWithoutAServerError(
            @ForAll("commands") String command, @ForAll("bodies") String body) throws Exception {
        String[] methodAndPath = command.split(" ", 2);
        long before = events();

        HttpResponse<String> reply = send(methodAndPath[0], methodAndPath[1], body);

        assertThat(reply.statusCode())
                .as(command + " " + body + " -> " + reply.body())
                .isLessThan(500);
        if (reply.statusCode() >= 400) {
            assertRefusedAsProblem(reply, before);
        }
    }

    @Provide
    Arbitrary<String> binPlacements() {
        Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
        fields.put("customerId", HostileJson.mostly(Arbitraries.just(customer).map(HostileJson::quoted)));
        fields.put("tag", HostileJson.mostly(HostileJson.hostileText().map(HostileJson::quoted)));
        fields.put(
                "containerType",
                HostileJson.mostly(Arbitraries.of("CART", "DUMPSTER", "cart").map(HostileJson::quoted)));
        fields.put(
                "wasteStream",
                HostileJson.mostly(Arbitraries.of("GENERAL", "PLUTONIUM").map(HostileJson::quoted)));
        fields.put(
                "capacityLitres",
                HostileJson.mostly(Arbitraries.integers().between(-5, 70_000).map(Object::toString)));
        fields.put(
                "location",
                HostileJson.mostly(Arbitraries.of(
                        "{\"latitude\":52.5,\"longitude\":13.4}",
                        "{\"latitude\":91,\"longitude\":13.4}",
                        "{\"latitude\":\"52.5\",\"longitude\":13.4}",
                        "{\"latitude\":null}",
                        "[52.5,13.4]")));
        return HostileJson.object(fields);
    }

    @Provide
    Arbitrary<String> names() {
        return HostileJson.hostileText();
    }

    @Provide
    Arbitrary<String> commands() {
        return Arbitraries.of(List.of(
                "POST /api/v1/organizations",
                "PUT " + org("/name"),
                "POST " + org("/customers"),
                "PUT " + org("/customers/" + customer),
                "POST " + org("/bins"),
                "PUT " + org("/bins/" + bin + "/location"),
                "PUT " + org("/bins/" + bin + "/status"),
                "POST " + org("/bins/" + bin + "/fill-levels"),
                "POST " + org("/bins/" + bin + "/services"),
                "POST " + org("/routes"),
                "PUT " + org("/routes/" + route + "/geometry"),
                "PUT " + org("/routes/" + route + "/status"),
                "PUT " + org("/routes/" + route + "/stops/" + bin),
                "POST " + org("/territories")));
    }

    @Provide
    Arbitrary<String> bodies() {
        Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
        for (String field : List.of(
                "name",
                "serviceAddress",
                "customerId",
                "tag",
                "status",
                "fillPercent",
                "outcome",
                "weightKg",
                "fleetSystem",
                "fleetRecordId",
                "routeId",
                "latitude",
                "longitude",
                "location",
                "path",
                "boundary",
                "type",
                "serviceDay",
                "territory",
                "capacityLitres",
                "stopIndex")) {
            fields.put(field, HostileJson.anyValue());
        }
        return Arbitraries.oneOf(HostileJson.object(fields), HostileJson.anyValue());
    }

    private void assertRefusedAsProblem(HttpResponse<String> reply, long before) {
        assertThat(reply.statusCode()).as(reply.body()).isBetween(400, 499);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(events()).as("events stored by a refused command").isEqualTo(before);
    }

    private JsonNode firstEvent(String aggregateId) throws IOException {
        return LENIENT.readTree(jdbc.queryForObject(
                "select convert_from(payload, 'UTF8') from domain_event_entry"
                        + " where aggregate_identifier = ? and sequence_number = 0",
                String.class,
                aggregateId));
    }

    private static long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private String org(String path) {
        return "/api/v1/organizations/" + organization + path;
    }

    private String placeBin(String tag, String capacity, String latitude) {
        return "{\"customerId\":\"" + customer + "\",\"tag\":" + tag + ",\"containerType\":\"CART\","
                + "\"wasteStream\":\"GENERAL\",\"capacityLitres\":" + capacity
                + ",\"location\":{\"latitude\":" + latitude + ",\"longitude\":13.4}}";
    }

    private static String created(HttpResponse<String> reply) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return LENIENT.readTree(reply.body()).get("id").asText();
    }

    /** Every request of this test is built here, as an entitled caller of the path. */
    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + PathOrganizationCaller.tokenFor(MINT, path))
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
