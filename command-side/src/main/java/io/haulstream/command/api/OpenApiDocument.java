package io.haulstream.command.api;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the generated document cannot see in the handlers: every command takes an optional
 * Idempotency-Key (read by a filter, not a handler parameter) and may be refused with
 * problem+json, each refusal naming the field at fault.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    /** The refusals any command may answer, with what each means. */
    static final Map<String, String> REFUSALS = Map.of(
            "400", "The request is malformed: a field is missing, of the wrong type or out of range",
            "404", "Nothing with this id exists in this organization",
            "409", "Another command changed the same thing at the same time, or a retry's first request still runs",
            "422", "A domain rule refuses the command, or the Idempotency-Key was used for a different request");

    @Bean
    OpenApiCustomizer commandRefusalsAndIdempotency() {
        return document -> {
            document.getComponents().getSchemas().putIfAbsent("ProblemDetail", problemSchema());
            document.getPaths().values().forEach(path -> path.readOperationsMap()
                    .forEach((method, operation) -> {
                        if (method == PathItem.HttpMethod.GET) {
                            return;
                        }
                        operation.addParametersItem(new HeaderParameter()
                                .name(IdempotencyKeys.HEADER)
                                .required(false)
                                .description("Makes the request safe to retry: the first answer is replayed to every"
                                        + " retry with the same key and body (1 to 255 characters)")
                                .schema(new StringSchema().maxLength(255)));
                        ApiResponses responses = operation.getResponses();
                        REFUSALS.forEach((status, meaning) -> responses.put(status, problem(meaning)));
                    }));
        };
    }

    /** RFC 9457's members, and the errors list every refusal here carries. */
    private static Schema<?> problemSchema() {
        Schema<?> error =
                new ObjectSchema().addProperty("field", new StringSchema()).addProperty("reason", new StringSchema());
        return new ObjectSchema()
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(error));
    }

    private static ApiResponse problem(String meaning) {
        Schema<?> problem = new Schema<>().$ref("#/components/schemas/ProblemDetail");
        return new ApiResponse()
                .description(meaning + "; the body's errors list each field and reason")
                .content(new Content().addMediaType("application/problem+json", new MediaType().schema(problem)));
    }
}
