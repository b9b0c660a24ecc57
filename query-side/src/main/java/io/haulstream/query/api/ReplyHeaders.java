package io.haulstream.query.api;

import io.haulstream.query.consistency.ProjectionStatus;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Two headers on every reply of the query API, added as the body is about to be written: after the
 * handler ran, so a query that waited for a token reports at least that position, and before the
 * body is flushed, after which no header can follow.
 *
 * <ul>
 *   <li>{@code Projection-Position}: how far the projection had got;
 *   <li>{@code Server-Timing: app;dur=0.412}: the milliseconds since the request entered the
 *       filter chain (W3C Server Timing), so a client can tell the server's share of a latency
 *       from the network's and its own; writing the small JSON body is the one step left out.
 * </ul>
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReplyHeaders extends OncePerRequestFilter implements ResponseBodyAdvice<Object> {

    static final String SERVER_TIMING = "Server-Timing";
    private static final String STARTED = ReplyHeaders.class.getName() + ".started";

    private final ProjectionStatus status;

    ReplyHeaders(ProjectionStatus status) {
        this.status = status;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(STARTED, System.nanoTime());
        chain.doFilter(request, response);
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (request.getURI().getPath().startsWith("/api/")) {
            response.getHeaders().set(ProjectionStatus.HEADER, Long.toString(status.position()));
        }
        if (request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(STARTED) instanceof Long started) {
            response.getHeaders()
                    .set(
                            SERVER_TIMING,
                            String.format(Locale.ROOT, "app;dur=%.3f", (System.nanoTime() - started) / 1e6));
        }
        return body;
    }
}
