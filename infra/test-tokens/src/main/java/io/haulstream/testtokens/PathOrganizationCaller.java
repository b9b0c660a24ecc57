package io.haulstream.testtokens;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Gives an API request that carries no token of its own one for an administrator and dispatcher
 * of the organization its path names (and a platform administrator, for organizations
 * themselves), so the tests of other features call the API as an entitled caller without each
 * minting one. Access tests set their own {@code Authorization} header, which is left alone.
 */
public final class PathOrganizationCaller implements ClientHttpRequestInterceptor {

    private static final Pattern ORGANIZATION = Pattern.compile("^/api/v1/organizations/([^/?]+)");

    private final TokenMint mint;

    public PathOrganizationCaller(TokenMint mint) {
        this.mint = mint;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String path = request.getURI().getRawPath();
        if (path.startsWith("/api/") && !request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            request.getHeaders().setBearerAuth(tokenFor(mint, path));
        }
        return execution.execute(request, body);
    }

    /** The token an entitled caller of this path holds. */
    public static String tokenFor(TokenMint mint, String path) {
        Matcher organization = ORGANIZATION.matcher(path);
        TokenMint.Caller caller =
                mint.caller("test-caller").roles(TokenMint.PLATFORM_ADMIN, TokenMint.ORG_ADMIN, TokenMint.DISPATCHER);
        return (organization.find() ? caller.organizations(organization.group(1)) : caller).mint();
    }
}
