package io.haulstream.query.api;

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
 * Every API reply says how long the server spent on it, as a W3C {@code Server-Timing} header
 * ({@code app;dur=0.412}, milliseconds), so a client can tell the server's share of a latency from
 * the network's and its own. The clock starts when the request enters the filter chain and stops
 * as the body is about to be written: a header cannot follow a body that has been flushed, and
 * writing a small JSON body is the one step left out.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServerTiming extends OncePerRequestFilter implements ResponseBodyAdvice<Object> {

    static final String HEADER = "Server-Timing";
    private static final String STARTED = ServerTiming.class.getName() + ".started";

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
        if (request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(STARTED) instanceof Long started) {
            response.getHeaders()
                    .set(HEADER, String.format(Locale.ROOT, "app;dur=%.3f", (System.nanoTime() - started) / 1e6));
        }
        return body;
    }
}
