package io.haulstream.query.api;

import io.haulstream.query.consistency.ProjectionStatus;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every reply of the query API says how far the projection had got. It is added as the body is
 * written, after the handler ran, so a query that waited for a token reports at least that position.
 */
@ControllerAdvice
class ProjectionPositionHeader implements ResponseBodyAdvice<Object> {

    private final ProjectionStatus status;

    ProjectionPositionHeader(ProjectionStatus status) {
        this.status = status;
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
        return body;
    }
}
