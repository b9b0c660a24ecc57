package io.haulstream.command;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.haulstream.command.domain.InputLimits;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the application's one ObjectMapper reads what clients send, command bodies and fleet records
 * alike: within {@link InputLimits}'s parser limits (Jackson's defaults, a nesting of 1,000 and
 * strings of 20 MB, let one request cost far more than any command needs), and each value as the
 * type it is. Jackson would otherwise turn {@code 123} into the text "123", {@code "80"} into the
 * number 80, {@code "NaN"} into a weight and {@code 0} into the first outcome: a client's mistake
 * stored as if meant.
 */
@Configuration(proxyBeanMethods = false)
public class JsonLimits {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer boundedJsonReading() {
        return builder -> builder.postConfigurer(JsonLimits::configure);
    }

    /** Also for tests that read as the application reads, without starting it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(InputLimits.jsonConstraints());
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        return mapper;
    }
}
