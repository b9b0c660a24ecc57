package io.haulstream.command.territory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxVertices the most points a territory's boundary may have, its closing point included:
 *     the one place this limit is set; every check and message reads it from here
 */
@ConfigurationProperties("haulstream.territories")
public record TerritoryProperties(int maxVertices) {}
