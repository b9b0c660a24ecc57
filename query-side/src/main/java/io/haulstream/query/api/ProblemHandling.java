package io.haulstream.query.api;

import io.haulstream.query.consistency.NotYetConsistent;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every refusal is problem+json with an {@code errors} list naming the field and the reason. */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    record FieldError(String field, String reason) {}

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badToken(InvalidToken invalid) {
        return ResponseEntity.badRequest()
                .body(problem(
                        HttpStatus.BAD_REQUEST, "Invalid consistency token", invalid.field(), invalid.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFound missing) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, "Not found", missing.field(), missing.getMessage()));
    }

    /** 503 with Retry-After: the answer will exist shortly, the client did nothing wrong. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> notYetConsistent(NotYetConsistent late) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Not yet consistent", "minPosition", late.getMessage()));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field + " " + reason);
        problem.setTitle(title);
        problem.setProperties(Map.of("errors", List.of(new FieldError(field, reason))));
        return problem;
    }
}
