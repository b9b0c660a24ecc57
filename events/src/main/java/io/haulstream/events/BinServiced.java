package io.haulstream.events;

import java.time.Instant;

/**
 * @param weightKg the weight lifted, when the truck's scale knew it
 * @param fleetRecordId the fleet system's own id of this service record: a repeat changes nothing
 * @param vehicleId the truck that serviced the bin, when the record names one (revision 2)
 */
@Revision("2")
public record BinServiced(
        String binId,
        String organizationId,
        String routeId,
        ServiceOutcome outcome,
        Double weightKg,
        String fleetRecordId,
        String vehicleId,
        Instant servicedAt)
        implements BinEvent {}
