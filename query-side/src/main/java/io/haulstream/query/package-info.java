/** The query side: projects events from Kafka into PostGIS read models and Redis, and answers dispatchers. */
package io.haulstream.query;
