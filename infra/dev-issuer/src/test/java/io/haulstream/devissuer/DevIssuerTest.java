package io.haulstream.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** The issuer as the applications and the scripts meet it: discovery, and a machine client's token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "haulstream.dev-issuer.identities=../config/demo-identities.tsv",
            "haulstream.dev-issuer.key-file=target/test-signing-key.pem",
            "spring.security.oauth2.authorizationserver.issuer=http://127.0.0.1:9999"
        })
class DevIssuerTest {

    @Autowired
    private TestRestTemplate http;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void publishesItsDiscoveryDocumentUnderTheConfiguredIssuer() {
        JsonNode discovery = http.getForObject("/.well-known/openid-configuration", JsonNode.class);
        assertThat(discovery.get("issuer").asText()).isEqualTo("http://127.0.0.1:9999");
        assertThat(discovery.get("jwks_uri").asText()).endsWith("/oauth2/jwks");
    }

    @Test
    void givesAMachineClientATokenWithItsRolesAndOrganizations() throws Exception {
        Identities identities = Identities.read(Path.of("../config/demo-identities.tsv"));
        ResponseEntity<JsonNode> reply = http.withBasicAuth("haulstream-fleet", "fleet-secret")
                .exchange(
                        RequestEntity.post("/oauth2/token")
                                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                .body("grant_type=client_credentials"),
                        JsonNode.class);
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        String[] parts = reply.getBody().get("access_token").asText().split("\\.");
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(header.get("kid").asText()).isEqualTo("haulstream-dev");
        assertThat(claims.get("iss").asText()).isEqualTo("http://127.0.0.1:9999");
        assertThat(claims.get("sub").asText()).isEqualTo("haulstream-fleet");
        assertThat(claims.get("azp").asText()).isEqualTo("haulstream-fleet");
        assertThat(claims.get("roles").toString()).isEqualTo("[\"fleet-system\"]");
        assertThat(claims.get("organizations"))
                .hasSize(identities.organizations().size());

        ResponseEntity<JsonNode> wrongSecret = http.withBasicAuth("haulstream-fleet", "guess")
                .exchange(
                        RequestEntity.post("/oauth2/token")
                                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                .body("grant_type=client_credentials"),
                        JsonNode.class);
        assertThat(wrongSecret.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
