/** What an operator reads on the management port: pools, latencies, lag, index use, plans, thresholds. */
package io.haulstream.query.monitoring;
