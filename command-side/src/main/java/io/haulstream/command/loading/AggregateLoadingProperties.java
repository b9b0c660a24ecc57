package io.haulstream.command.loading;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param cacheSize how many aggregates stay loaded between commands; the least recently used
 *     beyond it are dropped and rebuilt from their snapshot on their next command
 * @param snapshotThreshold after how many events read or applied since its last snapshot an
 *     aggregate gets a new one, which bounds what a cache miss replays
 */
@ConfigurationProperties("haulstream.aggregates")
public record AggregateLoadingProperties(long cacheSize, int snapshotThreshold) {}
