package io.haulstream.command.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.command.CommandSideApplication;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.testtokens.PathOrganizationCaller;
import io.haulstream.testtokens.TokenMint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two command sides, each a whole application with its own aggregate cache, against one event
 * store, as a deployment with two instances behind a load balancer runs them. A command on one
 * aggregate from both at once must never be lost or applied twice: the event store's unique
 * (aggregate, sequence) refuses the second append, whose command is retried from a fresh load of the
 * aggregate or, once the retries run out, answered 409 and not stored.
 */
class TwoCommandSidesIT {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "it.command-side.two.events." + UUID.randomUUID();

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        // One after the other: the first migrates the schema, the second finds it there.
        first = instance();
        second = instance();
    }

    @AfterAll
    static void stopThem() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static ConfigurableApplicationContext instance() {
        // As arguments, which outrank application.yml (defaults set on the builder do not).
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("it")
                .run(
                        "--server.port=0",
                        "--haulstream.relay.topic=" + TOPIC,
                        "--spring.kafka.bootstrap-servers=" + BOOTSTRAP,
                        // Beside the other test classes' cached contexts, two full pools each took
                        // the server's last connection slots.
                        "--spring.datasource.hikari.minimum-idle=2",
                        "--spring.datasource.hikari.maximum-pool-size=8");
    }

    @Test
    void aCommandOnAnAggregateTheOtherInstanceChangedSinceItWasCachedIsRetriedOnTheStoredOne() {
        String binId = bin(first);
        String fillLevels = binPath(binId) + "/fill-levels";
        // Both instances now hold the bin in their caches, the first at sequence 1.
        assertThat(sequenceOf(send(first, post(fillLevels, Map.of("fillPercent", 10)))))
                .isEqualTo(1);
        assertThat(sequenceOf(send(second, post(fillLevels, Map.of("fillPercent", 20)))))
                .isEqualTo(2);

        // The first's cached bin is one event behind: its append at sequence 2 is refused by the store.
        ResponseEntity<JsonNode> stale = send(first, post(fillLevels, Map.of("fillPercent", 30)));

        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(sequenceOf(stale)).isEqualTo(3);
        assertThat(storedFillLevels(binId)).containsExactly(10, 20, 30);
    }

    @Test
    void commandsOnOneAggregateFromBothInstancesAtOnceAreEachStoredOnceOrRefused() throws Exception {
        String binId = bin(first);
        String fillLevels = binPath(binId) + "/fill-levels";
        List<Callable<Map.Entry<Integer, ResponseEntity<JsonNode>>>> requests = new ArrayList<>();
        for (int percent = 1; percent <= 60; percent++) {
            int fill = percent;
            ConfigurableApplicationContext instance = percent % 2 == 0 ? first : second;
            requests.add(() -> Map.entry(fill, send(instance, post(fillLevels, Map.of("fillPercent", fill)))));
        }
        Set<Integer> accepted = new HashSet<>();
        Set<Long> sequences = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (Future<Map.Entry<Integer, ResponseEntity<JsonNode>>> reply : pool.invokeAll(requests)) {
                HttpStatusCode status = reply.get().getValue().getStatusCode();
                assertThat(status).isIn(HttpStatus.OK, HttpStatus.CONFLICT);
                if (status.equals(HttpStatus.OK)) {
                    accepted.add(reply.get().getKey());
                    sequences.add(sequenceOf(reply.get().getValue()));
                }
            }
        } finally {
            pool.shutdown();
        }

        List<Integer> stored = storedFillLevels(binId);
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(Set.copyOf(stored)).isEqualTo(accepted);
        assertThat(sequences).hasSize(accepted.size());
        assertThat(jdbc().queryForList(
                                "select sequence_number from domain_event_entry where aggregate_identifier = ? order by 1",
                                Long.class,
                                binId))
                .isEqualTo(LongStream.rangeClosed(0, accepted.size()).boxed().toList());
        // Mostly retried to success: a refusal is the exception, not the rule.
        assertThat(accepted.size()).isGreaterThan(requests.size() / 2);
    }

    private static String binPath(String binId) {
        return organizationPath + "/bins/" + binId;
    }

    private static String organizationPath;

    private String bin(ConfigurableApplicationContext instance) {
        if (organizationPath == null) {
            organizationPath = "/api/v1/organizations/"
                    + id(send(instance, post("/api/v1/organizations", Map.of("name", "Twice Hauling"))));
        }
        String customerId = id(send(
                instance,
                post(
                        organizationPath + "/customers",
                        Map.of(
                                "name", "Bakery",
                                "serviceAddress", "Main St 1",
                                "location", Map.of("latitude", 52.5, "longitude", 13.4)))));
        ResponseEntity<JsonNode> placed = send(
                instance,
                post(
                        organizationPath + "/bins",
                        Map.of(
                                "customerId",
                                customerId,
                                "tag",
                                "TW-" + UUID.randomUUID().toString().substring(0, 8),
                                "containerType",
                                "CART",
                                "wasteStream",
                                "RECYCLING",
                                "capacityLitres",
                                240,
                                "location",
                                Map.of("latitude", 52.5, "longitude", 13.4))));
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return id(placed);
    }

    private static List<Integer> storedFillLevels(String binId) {
        return jdbc().queryForList(
                        "select (convert_from(payload, 'UTF8')::jsonb ->> 'fillPercent')::int from domain_event_entry"
                                + " where aggregate_identifier = ? and payload_type like '%BinFillLevelReported'"
                                + " order by sequence_number",
                        Integer.class, binId);
    }

    private static JdbcTemplate jdbc() {
        return first.getBean(JdbcTemplate.class);
    }

    private static String id(ResponseEntity<JsonNode> reply) {
        return reply.getBody().get("id").asText();
    }

    private static long sequenceOf(ResponseEntity<JsonNode> reply) {
        return ConsistencyToken.decode(reply.getHeaders().getFirst("Consistency-Token"))
                .sequence();
    }

    private static RequestEntity<Object> post(String path, Object body) {
        return RequestEntity.post(path).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** Every request of this class goes out here, so a header all requests need is added in one place. */
    private static ResponseEntity<JsonNode> send(
            ConfigurableApplicationContext instance, RequestEntity<Object> request) {
        String port = instance.getEnvironment().getProperty("local.server.port");
        TestRestTemplate http = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://127.0.0.1:" + port)
                .additionalInterceptors(new PathOrganizationCaller(TokenMint.test())));
        return http.exchange(request, JsonNode.class);
    }
}
