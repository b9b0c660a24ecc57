package io.haulstream.query.api;

import io.haulstream.query.consistency.ProjectionStatus;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every reply of the query API says how far the projection had got when it was answered. */
@Component
class ProjectionPositionHeader extends OncePerRequestFilter {

    private final ProjectionStatus status;

    ProjectionPositionHeader(ProjectionStatus status) {
        this.status = status;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(ProjectionStatus.HEADER, Long.toString(status.position()));
        chain.doFilter(request, response);
    }
}
