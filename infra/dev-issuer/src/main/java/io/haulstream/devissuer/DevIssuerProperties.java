package io.haulstream.devissuer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param identities the file of organizations, clients and users ({@code infra/config/demo-identities.tsv})
 * @param keyFile the PKCS#8 PEM signing key, created on first start, so tokens outlive a restart
 * @param keyId the key's {@code kid}
 * @param tokenLifetime how long an access token is good for
 * @param browserOrigins the pages that call the issuer from a browser (the board: discovery, token, keys)
 */
@ConfigurationProperties("haulstream.dev-issuer")
record DevIssuerProperties(
        String identities, String keyFile, String keyId, Duration tokenLifetime, List<String> browserOrigins) {

    // Plain strings bound, since Spring reads a Path property as a resource location, and a
    // relative file path is not one.
    Path identitiesFile() {
        return Path.of(identities);
    }

    Path signingKeyFile() {
        return Path.of(keyFile);
    }
}
