package io.haulstream.query.access;

import static io.haulstream.query.access.OrganizationAccess.anyOrganization;
import static io.haulstream.query.access.OrganizationAccess.ownOrganization;
import static io.haulstream.query.access.Role.ANALYST;
import static io.haulstream.query.access.Role.DISPATCHER;
import static io.haulstream.query.access.Role.OPERATOR;
import static io.haulstream.query.access.Role.ORG_ADMIN;
import static io.haulstream.query.access.Role.PLATFORM_ADMIN;
import static org.springframework.http.HttpMethod.GET;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may read what: the one table of the query side's access model. An organization's data is
 * read by the callers acting for it (their token's organizations, never the path alone); the
 * queries then read that organization's rows only, so a bin or route id of another tenant is
 * missing there. A path no row names is refused to everyone.
 */
@Configuration
@EnableConfigurationProperties(AccessProperties.class)
class AccessRules {

    private static final String ORGANIZATION =
            "/api/v1/organizations/{" + OrganizationAccess.ORGANIZATION_VARIABLE + "}";

    @Bean
    SecurityFilterChain api(HttpSecurity http, Refusals refusals) throws Exception {
        http.authorizeHttpRequests(rules -> rules
                        // Authorized on the request that started them: the statistics stream's and an
                        // error's second dispatch carry no token to check again.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(open("/api/openapi"), open("/api/openapi/**"))
                        .permitAll()
                        .requestMatchers(
                                open("/actuator/health"), open("/actuator/health/**"), open("/actuator/prometheus"))
                        .permitAll()
                        // The board's page and scripts; the data it reads asks for the signed-in user's token.
                        .requestMatchers(open("/board"), open("/board/**"))
                        .permitAll()
                        .requestMatchers(open("/actuator/**"), open("/health/database/**"))
                        .access(anyOrganization(OPERATOR))
                        .requestMatchers(path(GET, "/api/v1/organizations"), path(GET, "/api/v1/statistics/**"))
                        .access(anyOrganization(PLATFORM_ADMIN))
                        .requestMatchers(path(GET, ORGANIZATION))
                        .access(anyOrganization(PLATFORM_ADMIN).orOwnOrganization(ORG_ADMIN, DISPATCHER, ANALYST))
                        .requestMatchers(path(GET, ORGANIZATION + "/**"))
                        .access(ownOrganization(ORG_ADMIN, DISPATCHER, ANALYST))
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(CallerAuthentication::new))
                                .authenticationEntryPoint(refusals)
                                .accessDeniedHandler(refusals))
                .exceptionHandling(
                        refused -> refused.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens are sent by the client on purpose, never by a browser on its own.
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    private static RequestMatcher open(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
