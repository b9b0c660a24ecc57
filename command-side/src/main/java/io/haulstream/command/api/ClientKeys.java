package io.haulstream.command.api;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Map;

/**
 * Who a request counts against, for the rate limit: the OAuth2 client that the bearer token was
 * issued to ({@code azp}, else {@code client_id}), else the authenticated principal's name, else
 * the remote address. Spring Security exposes its authentication as the request's user principal,
 * so this reads it without depending on Spring Security: with no resource server configured every
 * request counts against its address.
 */
final class ClientKeys {

    private static final String[] CLIENT_CLAIMS = {"azp", "client_id"};

    private ClientKeys() {}

    static String of(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal != null) {
            Map<?, ?> claims = tokenAttributes(principal);
            for (String claim : CLIENT_CLAIMS) {
                if (claims.get(claim) instanceof String client && !client.isBlank()) {
                    return "client:" + client;
                }
            }
            return "principal:" + principal.getName();
        }
        return "address:" + request.getRemoteAddr();
    }

    /**
     * The claims of a bearer token authentication ({@code JwtAuthenticationToken#getTokenAttributes}),
     * or none for any other principal.
     */
    private static Map<?, ?> tokenAttributes(Principal principal) {
        try {
            Method attributes = principal.getClass().getMethod("getTokenAttributes");
            return attributes.invoke(principal) instanceof Map<?, ?> claims ? claims : Map.of();
        } catch (ReflectiveOperationException | RuntimeException notAToken) {
            return Map.of();
        }
    }
}
