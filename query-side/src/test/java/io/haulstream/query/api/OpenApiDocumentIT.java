package io.haulstream.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The query API describes itself, as the command API does, so clients can be generated for both. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class OpenApiDocumentIT {

    @Autowired
    private TestRestTemplate http;

    @Test
    void servesAnOpenApiDocumentListingTheQueryApisReads() {
        ResponseEntity<JsonNode> document = http.getForEntity("/api/openapi", JsonNode.class);

        assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> paths = new ArrayList<>();
        document.getBody().get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .contains(
                        "/api/v1/organizations/{organizationId}/bins/{binId}",
                        "/api/v1/organizations/{organizationId}/statistics/routes")
                .allSatisfy(path -> assertThat(path).startsWith("/api/"));
    }

    /** What AccessRules does to every read, declared where client generators and readers look. */
    @Test
    void documentsTheBearerTokenAndItsRefusalsOnEveryRead() {
        JsonNode document = http.getForObject("/api/openapi", JsonNode.class);

        JsonNode scheme = document.at("/components/securitySchemes/bearer");
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(document.get("security").get(0).has("bearer")).isTrue();
        assertThat(document.at("/components/schemas/ProblemDetail/properties").has("errors"))
                .isTrue();
        List<String> checked = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().forEach(operation -> {
            List<String> refusals = new ArrayList<>(List.of("401", "403"));
            if (path.getKey().contains("{organizationId}")) {
                // Another tenant's organization answers exactly like a missing one.
                refusals.add("404");
            }
            for (String status : refusals) {
                assertThat(operation.at("/responses/" + status + "/content").has("application/problem+json"))
                        .as(path.getKey() + " " + status)
                        .isTrue();
            }
            checked.add(path.getKey());
        }));
        assertThat(checked).hasSizeGreaterThan(10);
    }
}
