package io.haulstream.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The API's refusals of a caller, problem+json like every other refusal: 401 for no or a bad
 * token, 403 for a role that may not read this, and 404, the very body of a missing
 * organization, for an organization the caller does not act for.
 */
@Component
public class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** As the API's other refusals name the input to fix. */
    record FieldError(String field, String reason) {}

    private final ObjectMapper json;

    Refusals(ObjectMapper json) {
        this.json = json;
    }

    private static final Pattern ORGANIZATION_PATH = Pattern.compile("^/api/v1/organizations/([^/]+)");

    /** The reply to an organization that does not exist, or that the caller does not act for. */
    static ProblemDetail noOrganization(String organizationId) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "organizationId", "no organization " + organizationId);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        // RFC 6750: a client learns from the challenge that a bearer token is wanted.
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        boolean presented = StringUtils.hasText(request.getHeader(HttpHeaders.AUTHORIZATION));
        write(
                request,
                response,
                problem(
                        HttpStatus.UNAUTHORIZED,
                        "Unauthorized",
                        "Authorization",
                        presented
                                ? "the bearer token is not valid: " + refused.getMessage()
                                : "a bearer token is required"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (denied instanceof AuthorizationDeniedException decided
                && decided.getAuthorizationResult() instanceof OrganizationAccess.Hidden) {
            Matcher organization = ORGANIZATION_PATH.matcher(request.getRequestURI());
            write(request, response, noOrganization(organization.find() ? organization.group(1) : ""));
            return;
        }
        write(
                request,
                response,
                problem(
                        HttpStatus.FORBIDDEN,
                        "Forbidden",
                        "roles",
                        "the caller's roles do not allow " + request.getMethod() + " " + request.getRequestURI()));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field + " " + reason);
        problem.setTitle(title);
        problem.setProperties(Map.of("errors", List.of(new FieldError(field, reason))));
        return problem;
    }
}
