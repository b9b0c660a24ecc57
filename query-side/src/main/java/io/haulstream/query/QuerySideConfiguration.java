package io.haulstream.query;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    /**
     * A projection never skips a batch it could not apply: skipping would leave the read model
     * silently wrong. It retries with a growing pause, without end, and the failure shows in logs
     * and in the projection lag metric.
     */
    @Bean
    CommonErrorHandler projectionErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }
}
