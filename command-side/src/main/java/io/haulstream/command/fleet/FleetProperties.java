package io.haulstream.command.fleet;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic where fleet systems publish their records
 * @param deadLetterTopic where records that cannot be used go, with the reason in headers
 * @param group the consumer group of the command side on the inbound topic
 */
@ConfigurationProperties("haulstream.fleet")
public record FleetProperties(String topic, String deadLetterTopic, String group) {}
