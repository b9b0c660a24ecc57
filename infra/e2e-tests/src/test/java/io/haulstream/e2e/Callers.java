package io.haulstream.e2e;

import io.haulstream.testtokens.PathOrganizationCaller;
import io.haulstream.testtokens.TokenMint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The end-to-end tests' callers: the applications they start trust the test key (as the
 * applications' own tests do), and every request is sent with the token of a caller entitled to it
 * (an administrator and dispatcher of the path's organization, or an operator on the management
 * ports), unless it carries one already.
 */
final class Callers {

    static final TokenMint MINT = TokenMint.test();

    private Callers() {}

    /** What an application needs to verify the test key's tokens. */
    static Map<String, String> applicationEnvironment() {
        return Map.of(
                "OIDC_ISSUER_URI",
                TokenMint.TEST_ISSUER,
                "OIDC_PUBLIC_KEY_LOCATION",
                "file:" + resourceFile("io/haulstream/testtokens/test-issuer-public.pem", "test-issuer-public.pem"));
    }

    /** A classpath resource as a file the started processes can read. */
    static Path resourceFile(String resource, String name) {
        try (InputStream in = Callers.class.getClassLoader().getResourceAsStream(resource)) {
            Path file = Files.createDirectories(Path.of("target", "e2e-keys"))
                    .resolve(name)
                    .toAbsolutePath();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return http.send(authorized(request), handler);
    }

    static HttpRequest authorized(HttpRequest request) {
        if (request.headers().firstValue("Authorization").isPresent()) {
            return request;
        }
        String path = request.uri().getRawPath();
        String token;
        if (path.startsWith("/api/")) {
            token = PathOrganizationCaller.tokenFor(MINT, path);
        } else if (path.startsWith("/health/database/") || path.startsWith("/fleet/dead-letters")) {
            token = MINT.operator();
        } else {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + token)
                .build();
    }
}
