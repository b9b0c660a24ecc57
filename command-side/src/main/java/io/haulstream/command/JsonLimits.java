package io.haulstream.command;

import io.haulstream.command.domain.InputLimits;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds what the JSON parser accepts, for the command API and the fleet records alike (both read
 * with the application's one ObjectMapper): nesting, number and string lengths from
 * {@link InputLimits}. Jackson's own defaults (a nesting of 1,000, strings of 20 MB) let one
 * request cost far more than any command needs.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer boundedJsonReading() {
        return builder -> builder.postConfigurer(
                mapper -> mapper.getFactory().setStreamReadConstraints(InputLimits.jsonConstraints()));
    }
}
