package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The development issuer for real, as infra/run.sh starts it ({@link DevIssuer}): the command side finds its keys by
 * OIDC discovery, and a machine client's token from it (client_credentials) is accepted for what
 * demo-identities.tsv lets that client do, and refused for the rest.
 */
class DevIssuerIT {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "e2e.issuer.events." + UUID.randomUUID();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DevIssuer issuer;
    private static Application commandSide;

    @BeforeAll
    static void startTheIssuerAndTheCommandSide() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        issuer = DevIssuer.start("dev-issuer");
        Map<String, String> environment = new HashMap<>(issuer.trustedBy());
        environment.putAll(Map.of(
                "COMMAND_DB",
                System.getenv().getOrDefault("COMMAND_TEST_DB", "haulstream_command_test"),
                "EVENTS_TOPIC",
                TOPIC,
                "FLEET_TOPIC",
                "e2e.issuer.fleet." + UUID.randomUUID(),
                "FLEET_GROUP",
                "e2e-issuer-" + UUID.randomUUID(),
                "KAFKA_BOOTSTRAP_SERVERS",
                BOOTSTRAP));
        commandSide =
                Application.start("issuer-command-side", "haulstream.commandSideJar", "COMMAND_SIDE_PORT", environment);
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
        String spree = DevIssuer.organizationId("spree");
        String loader = issuer.clientToken("haulstream-demo-loader", "demo-loader-secret");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(loader.split("\\.")[1]));
        assertThat(claims.get("iss").asText()).isEqualTo(issuer.uri());
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

        String fleet = issuer.clientToken("haulstream-fleet", "fleet-secret");
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

    /**
     * The board's redirect is registered on the query side's usual port; a loopback redirect on
     * any other port is let back in (RFC 8252 §7.3, as the board under a test's free port needs),
     * while a name for loopback ({@code localhost}) or another host is not. Asked as a signed-in
     * browser: before the sign-in every request, refused or not, is sent to the login form.
     */
    @Test
    void sendsTheBoardBackToLoopbackOnAnyPortOnly() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String form = browser.send(
                        HttpRequest.newBuilder(issuer.uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as("the login form's CSRF token in %s", form).isTrue();
        HttpResponse<String> signedIn = browser.send(
                HttpRequest.newBuilder(issuer.uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=spree-dispatcher&password=demo&_csrf=" + encode(csrf.group(1))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));

        HttpResponse<String> otherPort = authorize(browser, "http://127.0.0.1:45123/board/");
        assertThat(otherPort.statusCode()).isEqualTo(302);
        assertThat(otherPort.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith("http://127.0.0.1:45123/board/?code="));
        assertThat(authorize(browser, "http://localhost:8082/board/").statusCode())
                .isEqualTo(400);
        assertThat(authorize(browser, "http://elsewhere.example/board/").statusCode())
                .isEqualTo(400);
    }

    private static HttpResponse<String> authorize(HttpClient browser, String redirectUri) throws Exception {
        String query = "response_type=code&client_id=haulstream-board&scope=openid&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                + "&redirect_uri=" + encode(redirectUri);
        return browser.send(
                HttpRequest.newBuilder(issuer.uri("/oauth2/authorize?" + query))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
