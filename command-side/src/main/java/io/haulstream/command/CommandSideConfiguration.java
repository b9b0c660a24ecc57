package io.haulstream.command;

import io.haulstream.events.HaulstreamEvent;
import java.time.Clock;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Reads the revision from the events module's own annotation, which carries no Axon dependency. */
    @Bean
    RevisionResolver revisionResolver() {
        return HaulstreamEvent::revisionOf;
    }
}
