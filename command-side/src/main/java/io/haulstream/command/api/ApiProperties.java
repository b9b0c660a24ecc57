package io.haulstream.command.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the command API that protect it from its clients.
 *
 * @param maxRequestBytes the largest request body taken; a larger one is refused (413) before it is read
 *     whole. A route of the most points allowed fits, with room to spare.
 * @param rateLimit the most requests one client may send to the command API per {@code rateInterval},
 *     across all command-side instances (counted in Redis); 0 turns the limit off
 * @param rateInterval the window of {@code rateLimit}, and so the longest {@code Retry-After} a client hears
 */
@ConfigurationProperties("haulstream.api")
record ApiProperties(long maxRequestBytes, long rateLimit, Duration rateInterval) {}
