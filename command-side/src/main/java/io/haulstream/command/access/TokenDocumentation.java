package io.haulstream.command.access;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The token rules of {@link AccessRules} in the OpenAPI document, which springdoc cannot see in the
 * handlers: every operation wants a bearer token of the configured issuer, and may answer 401 (no,
 * expired or badly signed token), 403 (a role that may not do this) and, under an organization, the
 * 404 of a missing one for an organization the caller does not act for. The problem schema is the
 * one the API's own refusals declare (OpenApiDocument).
 */
@Configuration(proxyBeanMethods = false)
class TokenDocumentation {

    static final String SCHEME = "bearer";

    static final Map<String, String> REFUSALS = Map.of(
            "401", "No bearer token, or one that is expired, badly signed or of another issuer",
            "403", "The token's roles may not do this",
            "404", "No such organization, or one the token does not act for (the same reply as a missing one)");

    @Bean
    OpenApiCustomizer bearerTokens() {
        return document -> {
            Components components = document.getComponents();
            components.addSecuritySchemes(
                    SCHEME,
                    new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .bearerFormat("JWT")
                            .description("An access token of the OIDC issuer named by OIDC_ISSUER_URI; its roles and"
                                    + " organizations decide what the command API lets the caller do"));
            document.addSecurityItem(new SecurityRequirement().addList(SCHEME));
            document.getPaths().forEach((path, item) -> item.readOperations()
                    .forEach(operation -> REFUSALS.forEach((status, meaning) -> {
                        if (!status.equals("404") || path.contains("{organizationId}")) {
                            operation.getResponses().putIfAbsent(status, problem(meaning));
                        }
                    })));
        };
    }

    private static ApiResponse problem(String meaning) {
        return new ApiResponse()
                .description(meaning)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
    }
}
