package io.haulstream.command.api;

import io.haulstream.command.domain.InputLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The ids in a command's path ({@code organizationId}, {@code binId}, ...) follow the same text rules
 * as the body's ids: an id is stored in events and lookups, so a control character or a kilobyte of
 * it is refused (400, naming the path variable) before any command is sent.
 */
@Configuration(proxyBeanMethods = false)
class PathIds implements WebMvcConfigurer, HandlerInterceptor {

    /** A path variable that breaks the rules; answered by {@link ProblemHandling}. */
    static final class Refused extends RuntimeException {

        final String field;
        final String reason;

        Refused(String field, String reason) {
            super(field + " " + reason);
            this.field = field;
            this.reason = reason;
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            for (Map.Entry<?, ?> variable : variables.entrySet()) {
                String problem = InputLimits.problemWith(String.valueOf(variable.getValue()), InputLimits.ID);
                if (problem != null) {
                    throw new Refused(String.valueOf(variable.getKey()), problem);
                }
            }
        }
        return true;
    }
}
