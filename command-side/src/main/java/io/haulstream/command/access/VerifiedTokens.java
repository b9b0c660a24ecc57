package io.haulstream.command.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies a bearer token's signature once, not on every request: a client sends the same token
 * until it expires, and parsing it and checking its RSA signature was a seventh of the processor
 * time of a request in a profile of the write path. Every use still runs the claim checks (in date,
 * issuer, audience), so a remembered token stops working the moment it expires; a token that fails
 * verification is never remembered. The key is the whole token, so two tokens never share an entry.
 * A signing key the issuer withdraws stops working here after at most {@link #REMEMBERED_FOR}.
 */
final class VerifiedTokens implements JwtDecoder {

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    static final int MAX_TOKENS = 10_000;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(REMEMBERED_FOR)
            .build();

    /**
     * @param verifier parses the token and checks its signature and claims
     * @param claims the same claim checks, run again on every use of a remembered token
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> claims) {
        this.verifier = verifier;
        this.claims = claims;
    }

    @Override
    public Jwt decode(String token) {
        Jwt remembered = verified.getIfPresent(token);
        if (remembered == null) {
            Jwt jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = claims.validate(remembered);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(
                    result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return remembered;
    }
}
