package io.haulstream.command.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A problem+json reply written by a servlet filter, which answers before Spring MVC and its
 * {@link ProblemHandling} are reached; the body has the same shape as theirs.
 */
final class Problems {

    record FieldError(String field, String reason) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    static void write(HttpServletResponse response, HttpStatus status, String title, List<FieldError> errors)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.value());
        body.put(
                "detail", errors.stream().map(e -> e.field() + " " + e.reason()).collect(Collectors.joining("; ")));
        body.put("errors", errors);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
