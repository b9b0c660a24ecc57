package io.haulstream.command.access;

import static io.haulstream.command.access.OrganizationAccess.anyOrganization;
import static io.haulstream.command.access.OrganizationAccess.ownOrganization;
import static io.haulstream.command.access.Role.DISPATCHER;
import static io.haulstream.command.access.Role.FLEET_SYSTEM;
import static io.haulstream.command.access.Role.OPERATOR;
import static io.haulstream.command.access.Role.ORG_ADMIN;
import static io.haulstream.command.access.Role.PLATFORM_ADMIN;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

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
 * Which caller may send which command: the one table of the command side's access model. The
 * organization of an organization-scoped command comes from the token ({@link OrganizationAccess});
 * the aggregates then check that the bin, route or customer addressed belongs to that
 * organization, so an id of another tenant is refused like a missing one either way. A path no row
 * names is refused to everyone.
 */
@Configuration
@EnableConfigurationProperties(AccessProperties.class)
class AccessRules {

    private static final String ORGANIZATION =
            "/api/v1/organizations/{" + OrganizationAccess.ORGANIZATION_VARIABLE + "}";

    @Bean
    SecurityFilterChain api(HttpSecurity http, Refusals refusals) throws Exception {
        http.authorizeHttpRequests(rules -> rules
                        // Authorized on the request that started them; a stream's or an error's
                        // second dispatch carries no token to check again.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(open("/api/openapi"), open("/api/openapi/**"))
                        .permitAll()
                        .requestMatchers(
                                open("/actuator/health"), open("/actuator/health/**"), open("/actuator/prometheus"))
                        .permitAll()
                        .requestMatchers(
                                open("/actuator/**"),
                                open("/fleet/dead-letters"),
                                open("/fleet/dead-letters/**"),
                                // Which fleet system may touch which organizations: an operator's contract.
                                open("/fleet/systems"),
                                open("/fleet/systems/**"))
                        .access(anyOrganization(OPERATOR))
                        .requestMatchers(path(POST, "/api/v1/organizations"))
                        .access(anyOrganization(PLATFORM_ADMIN))
                        .requestMatchers(
                                path(PUT, ORGANIZATION),
                                path(PUT, ORGANIZATION + "/name"),
                                path(POST, ORGANIZATION + "/deactivation"))
                        .access(anyOrganization(PLATFORM_ADMIN))
                        .requestMatchers(open(ORGANIZATION + "/customers/**"), open(ORGANIZATION + "/territories/**"))
                        .access(ownOrganization(ORG_ADMIN))
                        // What a fleet system reports over HTTP, as it would on the fleet topic.
                        .requestMatchers(
                                path(POST, ORGANIZATION + "/bins/{binId}/fill-levels"),
                                path(POST, ORGANIZATION + "/bins/{binId}/services"),
                                path(PUT, ORGANIZATION + "/routes/{routeId}/status"))
                        .access(ownOrganization(ORG_ADMIN, DISPATCHER, FLEET_SYSTEM))
                        .requestMatchers(open(ORGANIZATION + "/bins/**"), open(ORGANIZATION + "/routes/**"))
                        .access(ownOrganization(ORG_ADMIN, DISPATCHER))
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
