package io.haulstream.query.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * How a token is verified: signed by the configured issuer (its discovered keys, or a configured
 * public key), issued by it, in date, and for the configured audience if one is set. Spring Boot's
 * own decoder checks no issuer when it is given a public key, so a token of another issuer signed
 * with a shared test key would pass; this one always checks it.
 */
@Configuration
class TokenVerification {

    @Bean
    JwtDecoder jwtDecoder(AccessProperties properties, ResourceLoader resources) {
        OAuth2TokenValidator<Jwt> validator = validator(properties);
        if (properties.publicKeyLocation() != null
                && !properties.publicKeyLocation().isBlank()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(
                            publicKey(resources, properties.publicKeyLocation()))
                    .build();
            decoder.setJwtValidator(validator);
            return new VerifiedTokens(decoder, validator);
        }
        // Discovery waits for the first token, so the application starts while the issuer is down.
        return new VerifiedTokens(
                new SupplierJwtDecoder(() -> {
                    NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(properties.issuerUri());
                    decoder.setJwtValidator(validator);
                    return decoder;
                }),
                validator);
    }

    private static OAuth2TokenValidator<Jwt> validator(AccessProperties properties) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(JwtValidators.createDefaultWithIssuer(properties.issuerUri()));
        if (properties.audience() != null && !properties.audience().isBlank()) {
            checks.add(new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD, audiences -> audiences != null && audiences.contains(properties.audience())));
        }
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    private static RSAPublicKey publicKey(ResourceLoader resources, String location) {
        try {
            String pem = resources.getResource(location).getContentAsString(StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(location + " is not an X.509 PEM RSA public key", e);
        }
    }
}
