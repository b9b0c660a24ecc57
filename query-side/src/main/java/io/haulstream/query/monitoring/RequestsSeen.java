package io.haulstream.query.monitoring;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Two things about every successful query reply, keyed by its family (the URI template, the same
 * value as the {@code uri} tag of {@code http.server.requests}): how many rows it returned, as the
 * summary {@code haulstream.query.rows}, and the last requests themselves, which the on-demand
 * benchmark replays. A reply's rows are the size of a list it is or holds; any other reply is one
 * row. So a family added later is covered without a change here.
 */
@ControllerAdvice
class RequestsSeen implements ResponseBodyAdvice<Object> {

    static final String ROWS = "haulstream.query.rows";
    private static final int KEPT_PER_FAMILY = 64;

    private final MeterRegistry meters;
    private final Map<Class<?>, ToIntFunction<Object>> rowCounters = new ConcurrentHashMap<>();
    private final Map<String, Deque<Seen>> recent = new ConcurrentHashMap<>();

    /**
     * A request as it came: its path and query string, and its {@code Authorization} header, so a
     * replay reads as the caller who asked (and stops working when that token expires), never as
     * the operator who runs the benchmark.
     */
    record Seen(String target, String authorization) {}

    RequestsSeen(MeterRegistry meters) {
        this.meters = meters;
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
        if (body != null
                && request instanceof ServletServerHttpRequest servlet
                && response instanceof ServletServerHttpResponse servletResponse
                && servletResponse.getServletResponse().getStatus() == 200
                && servlet.getServletRequest().getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
                        instanceof String family
                && family.startsWith("/api/")) {
            DistributionSummary.builder(ROWS)
                    .description("Rows in a successful query reply, by query family")
                    .tag("family", family)
                    .register(meters)
                    .record(rows(body));
            remember(family, servlet.getServletRequest());
        }
        return body;
    }

    private void remember(String family, HttpServletRequest request) {
        String query = request.getQueryString();
        String target = request.getRequestURI() + (query == null ? "" : "?" + query);
        Deque<Seen> kept = recent.computeIfAbsent(family, f -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addLast(new Seen(target, request.getHeader("Authorization")));
            if (kept.size() > KEPT_PER_FAMILY) {
                kept.removeFirst();
            }
        }
    }

    /** The last successful requests of the family, oldest first. */
    List<Seen> recent(String family) {
        Deque<Seen> kept = recent.get(family);
        if (kept == null) {
            return List.of();
        }
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    private int rows(Object body) {
        return rowCounters
                .computeIfAbsent(body.getClass(), RequestsSeen::rowCounter)
                .applyAsInt(body);
    }

    private static ToIntFunction<Object> rowCounter(Class<?> type) {
        if (Collection.class.isAssignableFrom(type)) {
            return body -> ((Collection<?>) body).size();
        }
        if (type.isRecord()) {
            List<RecordComponent> lists = java.util.Arrays.stream(type.getRecordComponents())
                    .filter(component -> Collection.class.isAssignableFrom(component.getType()))
                    .toList();
            if (lists.size() == 1) {
                var accessor = lists.get(0).getAccessor();
                accessor.setAccessible(true);
                return body -> {
                    try {
                        return accessor.invoke(body) instanceof Collection<?> rows ? rows.size() : 0;
                    } catch (ReflectiveOperationException e) {
                        return 1;
                    }
                };
            }
        }
        return body -> 1;
    }
}
