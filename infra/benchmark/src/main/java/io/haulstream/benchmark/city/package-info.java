/** A deterministic, Berlin-shaped city with its service history, and its bulk load into Kafka. */
package io.haulstream.benchmark.city;
