package io.haulstream.query.consistency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param consistencyWait how long a query with a token waits for its event before it gives up */
@ConfigurationProperties("haulstream.query")
public record ConsistencyProperties(Duration consistencyWait) {}
