package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record BinPlaced(
        String binId,
        String organizationId,
        String tag,
        ContainerType containerType,
        WasteStream wasteStream,
        int capacityLitres,
        GeoPoint location,
        Instant placedAt)
        implements BinEvent {}
