package io.haulstream.events;

import java.time.Instant;
import java.util.List;

/** One fixed instance of every event type, the input of the JSON snapshots. */
final class EventSamples {

    static final Instant AT = Instant.parse("2026-11-24T07:15:00Z");

    static List<HaulstreamEvent> all() {
        return List.of(
                new OrganizationRegistered("org-1", "Northside Hauling", AT),
                new BinPlaced(
                        "bin-1",
                        "org-1",
                        "NS-000123",
                        ContainerType.CART,
                        WasteStream.RECYCLING,
                        240,
                        new GeoPoint(13.404954, 52.520008),
                        AT));
    }

    private EventSamples() {}
}
