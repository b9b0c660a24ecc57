package io.haulstream.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few HTTP calls the benchmark makes, failing loudly on any answer but 2xx. */
final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SERVER_TIMING = Pattern.compile("\\bapp;dur=([0-9.]+)");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json;

    Http(ObjectMapper json) {
        this.json = json;
    }

    HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return checked(client.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** @return the status, without failing: for polling until something becomes visible */
    int status(String url) throws IOException, InterruptedException {
        return client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(TIMEOUT)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
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
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(TIMEOUT)
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
