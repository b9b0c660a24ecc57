package io.haulstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The development issuer (infra/dev-issuer) for real, as infra/run.sh starts it, with the demo
 * city's identities ({@code demo-identities.tsv}): what the tests that want real tokens share, from
 * starting it to a machine client's token and what an application needs to trust it.
 */
final class DevIssuer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Application application;

    private DevIssuer(Application application) {
        this.application = application;
    }

    /** With the demo identities and the issuer's default browser origins (the query side's usual ones). */
    static DevIssuer start(String name) throws IOException, InterruptedException {
        return start(name, identitiesFile());
    }

    /**
     * Started and answering discovery.
     *
     * @param identities its organizations, clients and users ({@code DEV_ISSUER_IDENTITIES})
     * @param browserOrigins the pages let in from a browser ({@code DEV_ISSUER_BROWSER_ORIGINS});
     *     none keeps the issuer's default
     */
    static DevIssuer start(String name, Path identities, String... browserOrigins)
            throws IOException, InterruptedException {
        Path key = Files.createDirectories(Path.of("target", "e2e-keys")).resolve(name + "-signing-key.pem");
        Map<String, String> environment = new HashMap<>();
        environment.put("DEV_ISSUER_IDENTITIES", identities.toAbsolutePath().toString());
        environment.put("DEV_ISSUER_KEY_FILE", key.toAbsolutePath().toString());
        if (browserOrigins.length > 0) {
            environment.put("DEV_ISSUER_BROWSER_ORIGINS", String.join(",", browserOrigins));
        }
        Application issuer = Application.start(name, "haulstream.devIssuerJar", "DEV_ISSUER_PORT", environment);
        DevIssuer started = new DevIssuer(issuer);
        try {
            issuer.awaitReady(HTTP, "/.well-known/openid-configuration");
        } catch (IOException | InterruptedException | RuntimeException failed) {
            started.close();
            throw failed;
        }
        return started;
    }

    /** The issuer's name, {@code iss} of its tokens: loopback, as the applications reach it. */
    String uri() {
        return "http://127.0.0.1:" + application.port;
    }

    URI uri(String path) {
        return application.uri(path);
    }

    /** What an application needs to accept this issuer's tokens (keys by discovery), and no other's. */
    Map<String, String> trustedBy() {
        return Map.of("OIDC_ISSUER_URI", uri(), "OIDC_PUBLIC_KEY_LOCATION", "");
    }

    /** A machine client's access token ({@code client_credentials}), the endpoint found by discovery. */
    String clientToken(String client, String secret) throws IOException, InterruptedException {
        JsonNode discovery = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(uri("/.well-known/openid-configuration"))
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
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(
                    client + "'s token request answered " + reply.statusCode() + ": " + reply.body());
        }
        return JSON.readTree(reply.body()).get("access_token").asText();
    }

    /** The fixed id of a demo organization, by its key in {@code demo-identities.tsv} ("spree"). */
    static String organizationId(String key) {
        return line("organization", key).get(2);
    }

    /** The name a demo organization is registered under. */
    static String organizationName(String key) {
        return line("organization", key).get(3);
    }

    /**
     * The demo identities with one organization under another id: the same users, passwords and
     * clients, acting for an organization of the test's own, so a run shares no organization (and
     * so no Redis entry) with the demo that infra/run.sh keeps on the same servers, nor with an
     * earlier run.
     */
    static Path demoIdentitiesWith(String key, String organizationId) throws IOException {
        String demoId = organizationId(key);
        List<String> lines = Files.readAllLines(identitiesFile()).stream()
                .map(line ->
                        line.startsWith("organization\t" + key + "\t") ? line.replace(demoId, organizationId) : line)
                .toList();
        Path file =
                Files.createDirectories(Path.of("target", "e2e-keys")).resolve("identities-" + organizationId + ".tsv");
        Files.write(file, lines);
        return file.toAbsolutePath();
    }

    private static List<String> line(String kind, String key) {
        try {
            return Files.readAllLines(identitiesFile()).stream()
                    .map(line -> List.of(line.split("\t")))
                    .filter(fields -> fields.get(0).equals(kind)
                            && fields.size() > 1
                            && fields.get(1).equals(key))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalArgumentException("no " + kind + " " + key + " in " + identitiesFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path identitiesFile() {
        return Path.of(System.getProperty("haulstream.demoIdentities")).toAbsolutePath();
    }

    @Override
    public void close() throws InterruptedException {
        application.close();
    }
}
