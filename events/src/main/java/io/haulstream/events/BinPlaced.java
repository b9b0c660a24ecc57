package io.haulstream.events;

import java.time.Instant;

/**
 * Revision 2 added {@code customerId}: bins placed before customers existed (revision 1) are
 * upcast with a null customer.
 */
@Revision("2")
public record BinPlaced(
        String binId,
        String organizationId,
        String customerId,
        String tag,
        ContainerType containerType,
        WasteStream wasteStream,
        int capacityLitres,
        GeoPoint location,
        Instant placedAt)
        implements BinEvent {}
