package io.haulstream.query.history;

import java.time.Instant;

/**
 * One service of a bin, with what a dispatcher reads next to it: the bin's tag and customer, the
 * route's name.
 *
 * @param sequence the service event's place in its bin's stream: with {@code binId}, its identity
 * @param routeId null for a service on no route
 * @param weightKg null when the truck's scale did not know it
 * @param fleetRecordId null for a service not reported by a fleet system
 * @param vehicleId the truck, null when the report named none
 * @param tag null, like the customer, while the bin's own placement is not projected yet
 * @param recordedBy who recorded the service: the fleet system's name for a record from Kafka, else the
 *     caller's token subject; null for services projected before actors were recorded
 */
public record ServiceRecord(
        String binId,
        long sequence,
        String tag,
        String customerName,
        String routeId,
        String routeName,
        String outcome,
        Double weightKg,
        String fleetRecordId,
        String vehicleId,
        Instant servicedAt,
        String recordedBy) {}
