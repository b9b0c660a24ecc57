package io.haulstream.events;

import java.time.Instant;

/**
 * @param weightKg the weight lifted, when the truck's scale knew it
 * @param fleetRecordId the fleet system's own id of this service record: a repeat changes nothing
 */
@Revision("1")
public record BinServiced(
        String binId,
        String organizationId,
        String routeId,
        ServiceOutcome outcome,
        Double weightKg,
        String fleetRecordId,
        Instant servicedAt)
        implements BinEvent {}
