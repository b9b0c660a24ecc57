package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The development issuer for real, as infra/run.sh starts it: the command side finds its keys by
 * OIDC discovery, and a machine client's token from it (client_credentials) is accepted for what
 * demo-identities.tsv lets that client do, and refused for the rest.
 */
class DevIssuerIT {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "e2e.issuer.events." + UUID.randomUUID();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Application issuer;
    private static Application commandSide;

    @BeforeAll
    static void startTheIssuerAndTheCommandSide() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        Path key = Files.createDirectories(Path.of("target", "e2e-keys")).resolve("dev-issuer-signing-key.pem");
        issuer = Application.start(
                "dev-issuer",
                "haulstream.devIssuerJar",
                "DEV_ISSUER_PORT",
                Map.of(
                        "DEV_ISSUER_IDENTITIES",
                        System.getProperty("haulstream.demoIdentities"),
                        "DEV_ISSUER_KEY_FILE",
                        key.toAbsolutePath().toString()));
        issuer.awaitReady(HTTP, "/.well-known/openid-configuration");
        commandSide = Application.start(
                "issuer-command-side",
                "haulstream.commandSideJar",
                "COMMAND_SIDE_PORT",
                Map.of(
                        "COMMAND_DB",
                        System.getenv().getOrDefault("COMMAND_TEST_DB", "haulstream_command_test"),
                        "EVENTS_TOPIC",
                        TOPIC,
                        "FLEET_TOPIC",
                        "e2e.issuer.fleet." + UUID.randomUUID(),
                        "FLEET_GROUP",
                        "e2e-issuer-" + UUID.randomUUID(),
                        "KAFKA_BOOTSTRAP_SERVERS",
                        BOOTSTRAP,
                        "OIDC_ISSUER_URI",
                        "http://127.0.0.1:" + issuer.port,
                        "OIDC_PUBLIC_KEY_LOCATION",
                        ""));
        commandSide.awaitReady(HTTP);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (commandSide != null) {
            commandSide.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void aDemoClientsTokenFromTheIssuerIsAcceptedForWhatItMayDoAndRefusedForTheRest() throws Exception {
        String spree = organizationId("spree");
        String loader = token("haulstream-demo-loader", "demo-loader-secret");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(loader.split("\\.")[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("http://127.0.0.1:" + issuer.port);
        assertThat(claims.get("organizations").toString()).contains(spree);

        String organization = "/api/v1/organizations/" + spree;
        assertThat(put(organization, "{\"name\":\"Spree Hauling\"}", null).statusCode())
                .isEqualTo(401);
        assertThat(put(organization, "{\"name\":\"Spree Hauling\"}", loader).statusCode())
                .isEqualTo(200);
        String customer = "{\"name\":\"Bakery\",\"serviceAddress\":\"Main St 1\","
                + "\"location\":{\"latitude\":52.5,\"longitude\":13.4}}";
        assertThat(post(organization + "/customers", customer, loader).statusCode())
                .isEqualTo(201);

        String fleet = token("haulstream-fleet", "fleet-secret");
        HttpResponse<String> refused = post(organization + "/customers", customer, fleet);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("roles do not allow POST");
    }

    /** The board's page reads discovery and trades its code for a token from the query side's origin. */
    @Test
    void letsTheBoardsPageInFromTheQuerySidesOriginOnly() throws Exception {
        String board = "http://127.0.0.1:" + System.getenv().getOrDefault("QUERY_SIDE_PORT", "8082");

        assertThat(preflight("/oauth2/token", board).headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(board);
        assertThat(preflight("/.well-known/openid-configuration", board)
                        .headers()
                        .firstValue("Access-Control-Allow-Origin"))
                .hasValue(board);
        assertThat(preflight("/oauth2/token", "http://elsewhere.example")
                        .headers()
                        .firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    private static HttpResponse<String> preflight(String path, String origin) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(issuer.uri(path))
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String organizationId(String key) throws Exception {
        return Files.readAllLines(Path.of(System.getProperty("haulstream.demoIdentities"))).stream()
                .map(line -> line.split("\t"))
                .filter(fields -> fields[0].equals("organization") && fields[1].equals(key))
                .findFirst()
                .orElseThrow()[2];
    }

    private static String token(String client, String secret) throws Exception {
        JsonNode discovery = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(issuer.uri("/.well-known/openid-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(discovery.get("token_endpoint").asText()))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body()).get("access_token").asText();
    }

    private static HttpResponse<String> put(String path, String body, String token) throws Exception {
        return send(
                HttpRequest.newBuilder(commandSide.uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private static HttpResponse<String> post(String path, String body, String token) throws Exception {
        return send(
                HttpRequest.newBuilder(commandSide.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    /** Sent as it is: not through {@link Callers}, whose test key this command side does not trust. */
    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        request.header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
