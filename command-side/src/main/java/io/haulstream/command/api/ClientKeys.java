package io.haulstream.command.api;

import io.haulstream.command.access.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who a request counts against, for the rate limit: the OAuth2 client that the bearer token was
 * issued to (as {@link Caller} reads it, the one place that knows the claims), else the remote
 * address, for the requests that carry no token (those the API refuses anyway, and the open ones).
 */
final class ClientKeys {

    private ClientKeys() {}

    static String of(HttpServletRequest request) {
        return Caller.current()
                .map(caller -> "client:" + caller.clientId())
                .orElseGet(() -> "address:" + request.getRemoteAddr());
    }
}
