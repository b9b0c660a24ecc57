package io.haulstream.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose's Keycloak realm holds the same users, clients, roles and organizations as the
 * development issuer, so a token from either names a caller alike: a change to
 * demo-identities.tsv that the realm does not follow fails here.
 */
class KeycloakRealmTest {

    private final Identities identities = Identities.read(Path.of("../config/demo-identities.tsv"));
    private final JsonNode realm;

    KeycloakRealmTest() throws IOException {
        realm = new ObjectMapper()
                .readTree(Path.of("../keycloak/haulstream-realm.json").toFile());
    }

    @Test
    void everyUserHasTheSamePasswordRolesAndOrganizations() {
        for (Identities.User user : identities.users()) {
            JsonNode kept = user("username", user.username());
            assertThat(kept.at("/credentials/0/value").asText())
                    .as(user.username())
                    .isEqualTo(user.password());
            assertThat(strings(kept.get("realmRoles"))).as(user.username()).isEqualTo(user.roles());
            assertThat(organizations(kept)).as(user.username()).isEqualTo(user.organizations());
        }
        assertThat(realm.get("users"))
                .hasSize(identities.users().size()
                        + (int) identities.clients().stream()
                                .filter(c -> c.secret() != null)
                                .count());
    }

    @Test
    void everyClientHasTheSameSecretRolesAndOrganizations() {
        for (Identities.Client client : identities.clients()) {
            JsonNode kept = null;
            for (JsonNode candidate : realm.get("clients")) {
                if (candidate.get("clientId").asText().equals(client.id())) {
                    kept = candidate;
                }
            }
            assertThat(kept).as(client.id()).isNotNull();
            assertThat(kept.get("defaultClientScopes").toString()).contains("haulstream");
            if (client.secret() == null) {
                assertThat(kept.get("publicClient").asBoolean()).isTrue();
                assertThat(strings(kept.get("redirectUris"))).containsExactly(client.redirectUri());
                assertThat(kept.at("/attributes/pkce.code.challenge.method").asText())
                        .isEqualTo("S256");
                continue;
            }
            assertThat(kept.get("secret").asText()).as(client.id()).isEqualTo(client.secret());
            JsonNode account = user("serviceAccountClientId", client.id());
            assertThat(strings(account.get("realmRoles"))).as(client.id()).isEqualTo(client.roles());
            assertThat(organizations(account)).as(client.id()).isEqualTo(client.organizations());
        }
    }

    private JsonNode user(String field, String value) {
        for (JsonNode user : realm.get("users")) {
            if (user.path(field).asText().equals(value)) {
                return user;
            }
        }
        throw new AssertionError("no user with " + field + " " + value + " in the realm");
    }

    /** The organization ids the user's groups carry, which the realm's mapper puts in the token. */
    private List<String> organizations(JsonNode user) {
        Map<String, List<String>> byGroup = new HashMap<>();
        for (JsonNode group : realm.get("groups")) {
            byGroup.put("/" + group.get("name").asText(), strings(group.at("/attributes/organizations")));
        }
        List<String> ids = new ArrayList<>();
        for (String group : strings(user.get("groups"))) {
            ids.addAll(byGroup.get(group));
        }
        return ids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
