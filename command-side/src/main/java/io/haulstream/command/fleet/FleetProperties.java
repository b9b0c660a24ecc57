package io.haulstream.command.fleet;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic where fleet systems publish their records
 * @param deadLetterTopic where records that cannot be used go, with the reason in headers
 * @param group the consumer group of the command side on the inbound topic
 * @param lanes how many records of one poll are applied at once: records of different aggregates
 *     go to different lanes, those of one aggregate stay in one lane, in order
 * @param maxPollRecords the most records taken from the broker in one poll, and so in one batch
 * @param batchCommands the most records of a lane applied in one transaction
 */
@ConfigurationProperties("haulstream.fleet")
public record FleetProperties(
        String topic, String deadLetterTopic, String group, int lanes, int maxPollRecords, int batchCommands) {}
