package io.haulstream.query.board;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param baseStyle URL of a MapLibre style drawn under the bins and routes (streets, say); empty
 *     for none, so the board needs nothing beyond this server and works offline
 * @param issuer the OIDC issuer the board signs its users in with (authorization code with PKCE);
 *     empty: no sign-in, the organization is chosen on the page (a system without access control)
 * @param clientId the board's public client at that issuer; the issuer must allow
 *     {@code <this server>/board/} as its redirect URI, and calls from this origin to its token endpoint
 */
@ConfigurationProperties("haulstream.board")
public record BoardProperties(String baseStyle, String issuer, String clientId) {}
