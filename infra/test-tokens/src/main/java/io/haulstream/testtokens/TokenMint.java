package io.haulstream.testtokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs tokens shaped like the ones the development issuer and the Keycloak realm give out
 * ({@code sub}, {@code azp}, {@code roles}, {@code organizations}), so the applications check a
 * test's caller exactly as a real one. The claim names are the applications' (their {@code Caller}
 * records); a drift between the two shows as refused tests.
 */
public final class TokenMint {

    /** An issuer no test ever reaches: the applications under test verify with the public key. */
    public static final String TEST_ISSUER = "http://127.0.0.1:1/haulstream-test-issuer";

    public static final String TEST_KEY_ID = "haulstream-test";

    /** The test key's public half, as the applications' {@code OIDC_PUBLIC_KEY_LOCATION} names it. */
    public static final String TEST_PUBLIC_KEY_LOCATION = "classpath:io/haulstream/testtokens/test-issuer-public.pem";

    /** The test key's private half on the classpath, for a development issuer started by a test. */
    public static final String TEST_PRIVATE_KEY_RESOURCE = "io/haulstream/testtokens/test-issuer-private.pem";

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String ORG_ADMIN = "org-admin";
    public static final String DISPATCHER = "dispatcher";
    public static final String FLEET_SYSTEM = "fleet-system";
    public static final String OPERATOR = "operator";
    public static final String ANALYST = "analyst";

    private final String issuer;
    private final String keyId;
    private final RSAPrivateKey key;

    public TokenMint(String issuer, String keyId, RSAPrivateKey key) {
        this.issuer = issuer;
        this.keyId = keyId;
        this.key = key;
    }

    /** Signs with the test key, as the issuer the applications' test profiles trust. */
    public static TokenMint test() {
        return test(TEST_ISSUER);
    }

    /** Signs with the test key under another issuer's name (a development issuer a test started with it). */
    public static TokenMint test(String issuer) {
        try (InputStream pem = TokenMint.class.getClassLoader().getResourceAsStream(TEST_PRIVATE_KEY_RESOURCE)) {
            return new TokenMint(
                    issuer, TEST_KEY_ID, privateKey(new String(pem.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs with a PKCS#8 PEM key file, such as the development issuer's (for the benchmark). */
    public static TokenMint fromKeyFile(String issuer, String keyId, Path pem) {
        try {
            return new TokenMint(issuer, keyId, privateKey(Files.readString(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key nobody trusts: its tokens must be refused as badly signed. */
    public static TokenMint untrusted() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TokenMint(TEST_ISSUER, TEST_KEY_ID, (RSAPrivateKey)
                    generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key under another issuer's name: refused for the issuer, not the signature. */
    public TokenMint asIssuer(String otherIssuer) {
        return new TokenMint(otherIssuer, keyId, key);
    }

    public Caller caller(String subject) {
        return new Caller(subject, "haulstream-tests", List.of(), List.of(), Duration.ofMinutes(30));
    }

    public String dispatcher(String organizationId) {
        return caller("dispatcher-" + organizationId)
                .roles(DISPATCHER)
                .organizations(organizationId)
                .mint();
    }

    public String orgAdmin(String organizationId) {
        return caller("org-admin-" + organizationId)
                .roles(ORG_ADMIN)
                .organizations(organizationId)
                .mint();
    }

    public String analyst(String organizationId) {
        return caller("analyst-" + organizationId)
                .roles(ANALYST)
                .organizations(organizationId)
                .mint();
    }

    public String fleetSystem(String... organizationIds) {
        return caller("fleet-system")
                .roles(FLEET_SYSTEM)
                .organizations(organizationIds)
                .mint();
    }

    public String platformAdmin() {
        return caller("platform-admin").roles(PLATFORM_ADMIN).mint();
    }

    public String operator() {
        return caller("operator").roles(OPERATOR).mint();
    }

    /** One caller's claims; each method returns a changed copy. */
    public final class Caller {
        private final String subject;
        private final String client;
        private final List<String> roles;
        private final List<String> organizations;
        private final Duration lifetime;

        private Caller(
                String subject, String client, List<String> roles, List<String> organizations, Duration lifetime) {
            this.subject = subject;
            this.client = client;
            this.roles = roles;
            this.organizations = organizations;
            this.lifetime = lifetime;
        }

        public Caller client(String clientId) {
            return new Caller(subject, clientId, roles, organizations, lifetime);
        }

        public Caller roles(String... names) {
            return new Caller(subject, client, List.of(names), organizations, lifetime);
        }

        public Caller organizations(String... ids) {
            return new Caller(subject, client, roles, List.of(ids), lifetime);
        }

        /** A negative lifetime mints a token that expired that long ago. */
        public Caller lifetime(Duration duration) {
            return new Caller(subject, client, roles, organizations, duration);
        }

        public String mint() {
            Instant now = Instant.now();
            // Issued before it expired, and outside the two minutes of clock skew a decoder forgives.
            Instant expires = now.plus(lifetime);
            Instant issued = lifetime.isNegative() ? expires.minus(Duration.ofMinutes(10)) : now;
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(subject)
                    .claim("azp", client)
                    .claim("roles", roles)
                    .claim("organizations", organizations)
                    .issueTime(Date.from(issued))
                    .notBeforeTime(Date.from(issued))
                    .expirationTime(Date.from(expires))
                    .jwtID(UUID.randomUUID().toString())
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(keyId)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }

    private static RSAPrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PKCS#8 RSA private key", e);
        }
    }
}
