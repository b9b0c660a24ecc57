package io.haulstream.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.testtokens.TokenMint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few HTTP calls the benchmark makes, failing loudly on any answer but 2xx. */
final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Longer than the longest run (a full-size one takes under an hour). */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(6);

    private static final Pattern SERVER_TIMING = Pattern.compile("\\bapp;dur=([0-9.]+)");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern ORGANIZATION = Pattern.compile("^/api/v1/organizations/([^/?]+)");

    private final ObjectMapper json;
    private final TokenMint callers;

    /** Tokens by the organization they act for ("" for none): signing one per request would be timed. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Http(ObjectMapper json, TokenMint callers) {
        this.json = json;
        this.callers = callers;
    }

    /**
     * The token of a caller entitled to the URL: an administrator and dispatcher of its organization,
     * or an operator (the actuator, and fleet-system bindings on the management port).
     */
    private HttpRequest.Builder request(String url) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        String path = uri.getRawPath();
        if (path.startsWith("/api/")) {
            Matcher organization = ORGANIZATION.matcher(path);
            String key = organization.find() ? organization.group(1) : "";
            request.header(
                    "Authorization",
                    "Bearer "
                            + tokens.computeIfAbsent(key, k -> {
                                TokenMint.Caller caller = callers.caller("benchmark")
                                        .client("haulstream-benchmark")
                                        .roles(TokenMint.PLATFORM_ADMIN, TokenMint.ORG_ADMIN, TokenMint.DISPATCHER)
                                        .lifetime(TOKEN_LIFETIME);
                                return (k.isEmpty() ? caller : caller.organizations(k)).mint();
                            }));
        } else if ((path.startsWith("/actuator/") && !path.equals("/actuator/prometheus"))
                || path.startsWith("/fleet/")) {
            // The actuator and the command side's management port (fleet-system bindings) are operators'.
            request.header(
                    "Authorization",
                    "Bearer "
                            + tokens.computeIfAbsent("operator", k -> callers.caller("benchmark")
                                    .client("haulstream-benchmark")
                                    .roles(TokenMint.OPERATOR)
                                    .lifetime(TOKEN_LIFETIME)
                                    .mint()));
        }
        return request;
    }

    HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return checked(client.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** @return the status, without failing: for polling until something becomes visible */
    int status(String url) throws IOException, InterruptedException {
        return client.send(request(url).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * @return the {@code app} duration of the response's {@code Server-Timing} header in
     *     nanoseconds, or {@link Load#NOT_TIMED} without one
     */
    static long serverNanos(HttpHeaders headers) {
        return headers.firstValue("Server-Timing")
                .map(SERVER_TIMING::matcher)
                .filter(Matcher::find)
                .map(match -> (long) (Double.parseDouble(match.group(1)) * 1e6))
                .orElse(Load.NOT_TIMED);
    }

    JsonNode getJson(String url) throws IOException, InterruptedException {
        return json.readTree(get(url).body());
    }

    String getText(String url) throws IOException, InterruptedException {
        return new String(get(url).body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    JsonNode send(String method, String url, Object body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = checked(client.send(
                request(url)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray()));
        return json.readTree(response.body());
    }

    private static HttpResponse<byte[]> checked(HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    response.request().method() + " " + response.request().uri() + " answered "
                            + response.statusCode() + ": "
                            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response;
    }
}
