package io.haulstream.command.bin;

import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.WasteStream;
import java.time.Instant;

public record PlaceBin(
        String binId,
        String organizationId,
        String customerId,
        String tag,
        ContainerType containerType,
        WasteStream wasteStream,
        int capacityLitres,
        GeoPoint location,
        Instant placedAt) {}
