package io.haulstream.command.api;

import io.haulstream.command.domain.InputLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes a command request with an {@code Idempotency-Key} header safe to retry: the first answer
 * (success or refusal) is stored under the key and replayed to every retry of the same request,
 * so a client that lost a reply never applies a command twice. A key reused for a different
 * request is refused; a key whose first request is still running answers 409. Keys expire after
 * a day, as clients retry within minutes.
 */
@Component
class IdempotencyKeys extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null
                || request.getMethod().equals("GET")
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).strip();
        String problem =
                key.isEmpty() ? "must not be blank" : InputLimits.problemWith(key, InputLimits.IDEMPOTENCY_KEY);
        if (problem != null) {
            refuse(response, 400, problem);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String fingerprint = fingerprint(request, body);
        boolean first = jdbc.update(
                        "insert into command_idempotency (idempotency_key, fingerprint) values (?, ?)"
                                + " on conflict (idempotency_key) do nothing",
                        key,
                        fingerprint)
                == 1;
        if (first) {
            runAndRemember(key, new CachedBody(request, body), response, chain);
        } else {
            replay(key, fingerprint, response);
        }
    }

    private void runAndRemember(String key, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
        } catch (IOException | ServletException | RuntimeException e) {
            forget(key);
            throw e;
        }
        if (recorded.getStatus() >= 500) {
            // A server fault is no answer to the request: the retry must run it again.
            forget(key);
        } else {
            jdbc.update(
                    "update command_idempotency set status = ?, location = ?, token = ?, content_type = ?, body = ?"
                            + " where idempotency_key = ?",
                    recorded.getStatus(),
                    recorded.getHeader(HttpHeaders.LOCATION),
                    recorded.getHeader(CommandAccepted.TOKEN_HEADER),
                    recorded.getContentType(),
                    new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8),
                    key);
        }
        recorded.copyBodyToResponse();
    }

    private void replay(String key, String fingerprint, HttpServletResponse response) throws IOException {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select fingerprint, status, location, token, content_type, body from command_idempotency"
                        + " where idempotency_key = ?",
                key);
        if (rows.isEmpty()) {
            refuse(response, 409, "its first request failed a moment ago; retry");
            return;
        }
        Map<String, Object> first = rows.get(0);
        if (!fingerprint.equals(first.get("fingerprint"))) {
            refuse(response, 422, "was already used for a different request");
            return;
        }
        if (first.get("status") == null) {
            refuse(response, 409, "its first request is still being processed; retry shortly");
            return;
        }
        response.setStatus((Integer) first.get("status"));
        setIfPresent(response, HttpHeaders.LOCATION, first.get("location"));
        setIfPresent(response, CommandAccepted.TOKEN_HEADER, first.get("token"));
        setIfPresent(response, HttpHeaders.CONTENT_TYPE, first.get("content_type"));
        response.setHeader(REPLAYED_HEADER, "true");
        response.getOutputStream().write(((String) first.get("body")).getBytes(StandardCharsets.UTF_8));
    }

    @Scheduled(fixedDelayString = "PT1H")
    void expire() {
        jdbc.update("delete from command_idempotency where created_at < now() - interval '1 day'");
    }

    private void forget(String key) {
        jdbc.update("delete from command_idempotency where idempotency_key = ?", key);
    }

    private static void setIfPresent(HttpServletResponse response, String name, Object value) {
        if (value != null) {
            response.setHeader(name, value.toString());
        }
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String detail = HEADER + " " + reason;
        response.getOutputStream()
                .write(("{\"title\":\"Idempotency-Key refused\",\"status\":" + status + ",\"detail\":\"" + detail
                                + "\",\"errors\":[{\"field\":\"" + HEADER + "\",\"reason\":\"" + reason + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The request again, with the body this filter had to read to fingerprint it. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }
    }
}
