package io.haulstream.command.deadletters;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param managementPort the port of the dead-letter endpoints (0: any free one)
 * @param managementAddress where that port listens; loopback unless an operator opens it
 * @param listLimit the most dead letters a listing returns, newest first
 */
@ConfigurationProperties("haulstream.dead-letters")
public record DeadLetterProperties(int managementPort, String managementAddress, int listLimit) {}
