package io.haulstream.command.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic where every stored event is published
 * @param ackTimeout how long a batch waits for the broker before it fails and is retried
 * @param fetchDelay how often the event store is polled for events that another instance stored;
 *     events stored by this instance wake the relay at once
 */
@ConfigurationProperties("haulstream.relay")
public record RelayProperties(String topic, Duration ackTimeout, Duration fetchDelay) {}
