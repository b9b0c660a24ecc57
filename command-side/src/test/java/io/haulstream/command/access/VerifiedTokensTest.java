package io.haulstream.command.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTest {

    private static final Instant ISSUED = Instant.parse("2026-12-05T08:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofMinutes(10));

    private final MovableClock clock = new MovableClock(ISSUED.plusSeconds(1));
    private final List<String> verifications = new ArrayList<>();

    @Test
    void checksTheSignatureOfATokenOnlyOnItsFirstUse() {
        JwtDecoder tokens = tokens(token -> jwt(token));

        Jwt first = tokens.decode("token-a");
        Jwt second = tokens.decode("token-a");
        tokens.decode("token-b");

        assertThat(second).isSameAs(first);
        assertThat(verifications).containsExactly("token-a", "token-b");
    }

    @Test
    void refusesARememberedTokenOnceItExpired() {
        JwtDecoder tokens = tokens(token -> jwt(token));
        tokens.decode("token-a");

        clock.now = EXPIRES.plusSeconds(1);

        assertThatThrownBy(() -> tokens.decode("token-a"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(verifications).containsExactly("token-a");
    }

    @Test
    void neverRemembersATokenThatFailedVerification() {
        JwtDecoder tokens = tokens(token -> {
            throw new BadJwtException("signature does not match");
        });

        assertThatThrownBy(() -> tokens.decode("forged")).hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.decode("forged")).hasMessageContaining("signature");
        assertThat(verifications).containsExactly("forged", "forged");
    }

    private JwtDecoder tokens(JwtDecoder verifier) {
        JwtTimestampValidator inDate = new JwtTimestampValidator(Duration.ZERO);
        inDate.setClock(clock);
        return new VerifiedTokens(
                token -> {
                    verifications.add(token);
                    return verifier.decode(token);
                },
                inDate);
    }

    private static Jwt jwt(String token) {
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("dispatcher")
                .issuedAt(ISSUED)
                .expiresAt(EXPIRES)
                .build();
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        private MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
