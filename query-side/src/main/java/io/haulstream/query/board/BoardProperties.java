package io.haulstream.query.board;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param baseStyle URL of a MapLibre style drawn under the bins and routes (streets, say); empty
 *     for none, so the board needs nothing beyond this server and works offline
 */
@ConfigurationProperties("haulstream.board")
public record BoardProperties(String baseStyle) {}
