package io.haulstream.testtokens;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * On a test classpath only (this module is a test dependency of the applications): the
 * {@code TestRestTemplate} of a Spring Boot test is built with the context's customizers, so it
 * sends {@link PathOrganizationCaller}'s token.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.test.web.client.TestRestTemplate")
public class TestCallerConfiguration {

    @Bean
    RestTemplateCustomizer pathOrganizationCaller() {
        return template -> template.getInterceptors().add(new PathOrganizationCaller(TokenMint.test()));
    }
}
