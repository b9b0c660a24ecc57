package io.haulstream.command.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuerUri the OIDC issuer whose tokens are accepted; its keys are found by discovery
 *     when the first token arrives, so the application starts while the issuer is down
 * @param publicKeyLocation a PEM public key to verify with instead of the issuer's keys
 *     (tests, or an issuer that publishes no discovery document); the issuer is still checked
 * @param audience when set, a token must name it in {@code aud}
 */
@ConfigurationProperties("haulstream.access")
record AccessProperties(String issuerUri, String publicKeyLocation, String audience) {}
