package io.haulstream.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.testtokens.TokenMint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** A client over its rate hears 429 with Retry-After, and what it sent beyond the rate changes nothing. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"haulstream.api.rate-limit=3", "haulstream.api.rate-interval=20s"})
@ActiveProfiles("it")
// A context of its own (its limit), used by no other class: closed after, so its pool is given back.
@DirtiesContext
class RateLimitIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    private static final TokenMint MINT = TokenMint.test();

    /** Each run's clients are new, so no counter left by an earlier run decides for this one. */
    private final String client = "rated-" + UUID.randomUUID();

    @Test
    void answers429WithRetryAfterPastTheRateAndStoresNothingOfIt() throws Exception {
        long before = events();
        List<HttpResponse<String>> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(send(client, "POST", "/api/v1/organizations", "{\"name\":\"Rated " + i + "\"}"));
        }

        assertThat(replies.subList(0, 3))
                .allSatisfy(reply -> assertThat(reply.statusCode()).isEqualTo(201));
        assertThat(replies.subList(3, 5)).allSatisfy(reply -> {
            assertThat(reply.statusCode()).isEqualTo(429);
            assertThat(reply.headers().firstValue("Retry-After")).hasValue("20");
            assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(reply.body())
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asText())
                    .isEqualTo("client");
        });
        assertThat(events()).isEqualTo(before + 3);
    }

    /** The limit is the token's client's: another client of the same address is not held back. */
    @Test
    void countsEachClientOnItsOwn() throws Exception {
        for (int i = 0; i < 4; i++) {
            send(client, "POST", "/api/v1/organizations", "{\"name\":\"Busy " + i + "\"}");
        }

        assertThat(send(client, "POST", "/api/v1/organizations", "{\"name\":\"Busy 4\"}")
                        .statusCode())
                .isEqualTo(429);
        assertThat(send("other-" + client, "POST", "/api/v1/organizations", "{\"name\":\"Calm\"}")
                        .statusCode())
                .isEqualTo(201);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    /** Every request of this test is built here, as a platform administrator of the given client. */
    private HttpResponse<String> send(String clientId, String method, String path, String body) throws Exception {
        String token = MINT.caller("rate-test")
                .client(clientId)
                .roles(TokenMint.PLATFORM_ADMIN)
                .mint();
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
