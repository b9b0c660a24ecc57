/** Applies batches of Kafka records to the read model in one transaction with their offsets. */
package io.haulstream.query.projection;
