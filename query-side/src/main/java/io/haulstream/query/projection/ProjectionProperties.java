package io.haulstream.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param topic the topic of domain events the projections read */
@ConfigurationProperties("haulstream.projection")
public record ProjectionProperties(String topic) {}
