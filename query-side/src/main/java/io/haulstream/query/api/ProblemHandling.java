package io.haulstream.query.api;

import io.haulstream.query.consistency.NotYetConsistent;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ClassUtils;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
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
    ResponseEntity<ProblemDetail> badQuery(InvalidQuery invalid) {
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "Invalid query", invalid.field(), invalid.getMessage()));
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

    /**
     * Raised only if a bean is validated through a {@code @Validated} proxy; controllers rely on
     * Spring MVC's own method validation instead, but the answer must be the same either way.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> constraintViolated(ConstraintViolationException violated) {
        List<FieldError> errors = violated.getConstraintViolations().stream()
                .map(violation -> new FieldError(leafName(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid query", errors));
    }

    /**
     * A constraint on a handler's parameter ({@code @Min}, {@code @DecimalMax}, ...) failed: the
     * errors name the parameter as the client wrote it, not as the Java code calls it.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException invalid, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : invalid.getParameterValidationResults()) {
            String field = requestName(result.getMethodParameter());
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new FieldError(field, error.getDefaultMessage()));
            }
        }
        for (MessageSourceResolvable error : invalid.getCrossParameterValidationResults()) {
            errors.add(new FieldError("query", error.getDefaultMessage()));
        }
        return handleExceptionInternal(
                invalid, problem(HttpStatus.BAD_REQUEST, "Invalid query", errors), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException mismatch, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = mismatch instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName()
                : String.valueOf(mismatch.getPropertyName());
        Class<?> required = mismatch.getRequiredType();
        String expected = required == null
                ? "a valid value"
                : Number.class.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(required))
                        ? "a number"
                        : "a valid " + required.getSimpleName();
        String reason = "'" + mismatch.getValue() + "' is not " + expected;
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "Invalid query", field, reason);
        return handleExceptionInternal(mismatch, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException missing,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        ProblemDetail body =
                problem(HttpStatus.BAD_REQUEST, "Invalid query", missing.getParameterName(), "is required");
        return handleExceptionInternal(missing, body, headers, status, request);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String field, String reason) {
        return problem(status, title, List.of(new FieldError(field, reason)));
    }

    private static ProblemDetail problem(HttpStatus status, String title, List<FieldError> errors) {
        String detail = errors.stream()
                .map(error -> error.field() + " " + error.reason())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperties(Map.of("errors", errors));
        return problem;
    }

    /** The parameter's name in the request, which may differ from the Java parameter's name. */
    private static String requestName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        if (param != null && !param.value().isEmpty()) {
            return param.value();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        String name = parameter.getParameterName();
        return name != null ? name : "argument " + parameter.getParameterIndex();
    }

    /** {@code within.radiusMetres} names the method, then the parameter: the client only knows the parameter. */
    private static String leafName(Path path) {
        String leaf = null;
        for (Path.Node node : path) {
            leaf = node.getName();
        }
        return leaf != null ? leaf : path.toString();
    }
}
