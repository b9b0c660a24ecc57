package io.haulstream.devissuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The demo's clients and users, and the claims the applications read ({@code roles},
 * {@code organizations}, {@code azp}); Spring Boot sets up the endpoints, the login page and
 * the issuer name ({@code spring.security.oauth2.authorizationserver.issuer}).
 */
@Configuration
class IssuerConfiguration {

    @Bean
    Identities identities(DevIssuerProperties properties) {
        return Identities.read(properties.identitiesFile());
    }

    /**
     * The board's page (another origin) reads discovery and keys and trades its code for a token
     * with fetch; Spring Security applies a {@code corsConfigurationSource} bean to every chain.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(DevIssuerProperties properties) {
        CorsConfiguration board = new CorsConfiguration();
        board.setAllowedOrigins(properties.browserOrigins());
        board.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        board.setAllowedHeaders(List.of("Content-Type", "Authorization"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/.well-known/**", board);
        source.registerCorsConfiguration("/oauth2/token", board);
        source.registerCorsConfiguration("/oauth2/jwks", board);
        return source;
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(DevIssuerProperties properties) {
        RSAPrivateCrtKey key = SigningKey.loadOrCreate(properties.signingKeyFile());
        RSAKey jwk = new RSAKey.Builder(SigningKey.publicKey(key))
                .privateKey(key)
                .keyID(properties.keyId())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(jwk));
    }

    @Bean
    RegisteredClientRepository clients(Identities identities, DevIssuerProperties properties) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(properties.tokenLifetime())
                .build();
        List<RegisteredClient> clients = identities.clients().stream()
                .map(client -> {
                    RegisteredClient.Builder builder = RegisteredClient.withId(client.id())
                            .clientId(client.id())
                            .tokenSettings(tokens);
                    if (client.secret() == null) {
                        // A browser page (the board): no secret to keep, so PKCE proves the caller.
                        return builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                                .redirectUri(client.redirectUri())
                                .scope(OidcScopes.OPENID)
                                .scope(OidcScopes.PROFILE)
                                .clientSettings(ClientSettings.builder()
                                        .requireProofKey(true)
                                        .requireAuthorizationConsent(false)
                                        .build())
                                .build();
                    }
                    return builder.clientSecret("{noop}" + client.secret())
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .build();
                })
                .toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    UserDetailsService users(Identities identities) {
        return new InMemoryUserDetailsManager(identities.users().stream()
                .map(user -> User.withUsername(user.username())
                        .password("{noop}" + user.password())
                        .authorities("USER")
                        .build())
                .toList());
    }

    /** The claims of the applications' {@code Caller}: roles and organizations of whom the token is for. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> callerClaims(Identities identities) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            String client = context.getRegisteredClient().getClientId();
            Identities.Grantee grantee =
                    AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                            ? identities.client(client).orElseThrow()
                            : identities.user(context.getPrincipal().getName()).orElseThrow();
            context.getClaims()
                    .claim("azp", client)
                    .claim("roles", grantee.roles())
                    .claim("organizations", grantee.organizations());
        };
    }
}
