package io.haulstream.command.relay;

import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    /**
     * Axon's event store as its Spring Boot starter builds it, except for how long its reader waits
     * before it looks again for new events when none arrived. A commit in this JVM wakes the reader
     * (and with it the relay) at once; an event stored by another instance sharing the store is
     * only seen at the next look, which by Axon's default comes a whole second later. The store is
     * rebuilt after the starter made it, because defining one outright turns off the starter's
     * JDBC storage engine and its companions; the starter's instance has started nothing yet (its
     * reader starts with the first tracking stream) and is simply dropped.
     */
    @Bean
    static BeanPostProcessor eventStoreFetchDelay(
            ObjectProvider<EventStorageEngine> storageEngine,
            ObjectProvider<org.axonframework.config.Configuration> axon,
            ObjectProvider<RelayProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof EmbeddedEventStore)) {
                    return bean;
                }
                return EmbeddedEventStore.builder()
                        .storageEngine(storageEngine.getObject())
                        .messageMonitor(axon.getObject().messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(axon.getObject().getComponent(EventBusSpanFactory.class))
                        .fetchDelay(properties.getObject().fetchDelay().toMillis())
                        .timeUnit(TimeUnit.MILLISECONDS)
                        .build();
            }
        };
    }
}
