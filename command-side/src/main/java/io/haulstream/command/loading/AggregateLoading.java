package io.haulstream.command.loading;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AggregateLoading {

    /**
     * Keeps loaded aggregates between commands, so a busy bin is not rebuilt from the event store
     * each time. Strong references up to a bound: weak ones vanished at the next collection, so
     * most commands paid a full reload. A stale entry cannot be used: the repository drops an
     * aggregate's entry when its command rolls back, and the event store rejects an append at an
     * already used sequence number (another instance's write), after which the retry reloads.
     */
    @Bean
    Cache aggregateCache(AggregateLoadingProperties properties) {
        return new CaffeineCache(properties.cacheSize());
    }

    /**
     * Snapshots an aggregate once it has been rebuilt from or applied this many events since its
     * last snapshot, so a cache miss on a long-lived bin reads one snapshot and a few events. Axon's
     * Spring snapshotter takes it after the command's commit.
     */
    @Bean
    SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter, AggregateLoadingProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
