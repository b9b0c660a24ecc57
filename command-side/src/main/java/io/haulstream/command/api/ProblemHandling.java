package io.haulstream.command.api;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.haulstream.command.access.Refusals;
import io.haulstream.command.domain.IdTaken;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal is problem+json with an {@code errors} list of {@code {field, reason}}, so a
 * client can point at the input to fix without parsing prose.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    record FieldError(String field, String reason) {}

    private static final Set<Class<?>> WHOLE_NUMBERS =
            Set.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldError error;
        StreamConstraintsException limit = limitBroken(ex);
        if (limit != null) {
            error = new FieldError("body", "exceeds a JSON limit: " + limit.getOriginalMessage());
        } else if (ex.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            error = new FieldError(path(mapping), reason(mapping));
        } else {
            error = new FieldError("body", "is not valid JSON");
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Unreadable request", List.of(error)));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> ruleViolated(RuleViolation violation) {
        var problem = problem(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "Rule violated",
                List.of(new FieldError(violation.field(), violation.reason())));
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    /** Jackson wraps a parser limit hit inside a field in a mapping exception with that field's path. */
    private static StreamConstraintsException limitBroken(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badPathId(PathIds.Refused refused) {
        return ResponseEntity.badRequest()
                .body(problem(
                        HttpStatus.BAD_REQUEST,
                        "Invalid request",
                        List.of(new FieldError(refused.field, refused.reason))));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notInOrganization(NotInOrganization elsewhere) {
        // Byte for byte a missing aggregate's reply: a tenant learns nothing of what others have.
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Refusals.notFound());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException missing) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Refusals.notFound());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> idTaken(IdTaken taken) {
        var problem = problem(HttpStatus.CONFLICT, "Id taken", List.of(new FieldError(taken.field(), taken.reason())));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(ConcurrencyException conflict) {
        var problem = problem(
                HttpStatus.CONFLICT,
                "Concurrent change",
                List.of(new FieldError("id", "was changed by another command at the same time; retry")));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /**
     * 503 with Retry-After when the database was unreachable while the command ran (seen once in
     * the fault suite during a PostgreSQL restart, answered 500 until then): the client did nothing
     * wrong and should send it again. Whether it took effect is unknown; sent again with the same
     * {@code Idempotency-Key} it takes effect at most once. Any other failure is left to the
     * handlers after this one, as if this one did not exist.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(RuntimeException failure) {
        if (!DatabaseUnavailable.causedIt(failure)) {
            throw failure;
        }
        var problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Database unavailable",
                List.of(new FieldError(
                        "request",
                        "could not be completed because the database was unreachable; send it again (with its"
                                + " Idempotency-Key, to apply it at most once)")));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /** About as long as a PostgreSQL restart or failover takes. */
    static final String RETRY_AFTER_SECONDS = "2";

    private static ProblemDetail problem(HttpStatus status, String title, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status, errors.stream().map(e -> e.field() + " " + e.reason()).collect(Collectors.joining("; ")));
        problem.setTitle(title);
        problem.setProperties(Map.of("errors", errors));
        return problem;
    }

    private static String path(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String reason(JsonMappingException mapping) {
        if (mapping instanceof InvalidFormatException invalid
                && invalid.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (mapping instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            Class<?> target = mismatched.getTargetType();
            if (WHOLE_NUMBERS.contains(target)) {
                return "must be a whole number";
            }
            return "must be a " + target.getSimpleName().toLowerCase();
        }
        return "has the wrong type";
    }
}
