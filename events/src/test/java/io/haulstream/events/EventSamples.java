package io.haulstream.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

/** One fixed instance of every event type, the input of the JSON snapshots. */
final class EventSamples {

    static final Instant AT = Instant.parse("2026-11-24T07:15:00Z");
    static final GeoPoint BERLIN = new GeoPoint(13.404954, 52.520008);
    static final List<GeoPoint> PATH = List.of(new GeoPoint(13.40, 52.52), new GeoPoint(13.41, 52.521));
    static final List<GeoPoint> AREA = List.of(
            new GeoPoint(13.39, 52.51),
            new GeoPoint(13.42, 52.51),
            new GeoPoint(13.42, 52.53),
            new GeoPoint(13.39, 52.53),
            new GeoPoint(13.39, 52.51));

    static List<HaulstreamEvent> all() {
        return List.of(
                new OrganizationRegistered("org-1", "Northside Hauling", AT),
                new OrganizationRenamed("org-1", "Northside Waste", AT),
                new OrganizationDeactivated("org-1", AT),
                new CustomerRegistered("cus-1", "org-1", "Bakery Schmidt", "Alexanderplatz 1, Berlin", BERLIN, AT),
                new CustomerUpdated("cus-1", "org-1", "Bakery Schmidt GmbH", "Alexanderplatz 2, Berlin", BERLIN, AT),
                new CustomerClosed("cus-1", "org-1", AT),
                new BinPlaced(
                        "bin-1",
                        "org-1",
                        "cus-1",
                        "NS-000123",
                        ContainerType.CART,
                        WasteStream.RECYCLING,
                        240,
                        BERLIN,
                        AT),
                new BinMoved("bin-1", "org-1", new GeoPoint(13.405, 52.5201), AT),
                new BinStatusChanged("bin-1", "org-1", BinStatus.ACTIVE, BinStatus.MAINTENANCE, AT),
                new BinFillLevelReported("bin-1", "org-1", 80, "sensor-7:1234", AT),
                new BinServiced(
                        "bin-1", "org-1", "route-1", ServiceOutcome.EMPTIED, 14.5, "truck-3:991", "truck-3", AT),
                new BinRemoved("bin-1", "org-1", AT),
                new RouteCreated(
                        "route-1",
                        "org-1",
                        "Mitte Monday",
                        RouteType.RESIDENTIAL,
                        DayOfWeek.MONDAY,
                        "MITTE-N",
                        PATH,
                        AT),
                new RouteGeometryChanged("route-1", "org-1", PATH, AT),
                new RouteStatusChanged("route-1", "org-1", RouteStatus.PLANNED, RouteStatus.ACTIVE, AT),
                new BinAssignedToRoute("route-1", "org-1", "bin-1", 0, AT),
                new BinUnassignedFromRoute("route-1", "org-1", "bin-1", AT),
                new RouteDeleted("route-1", "org-1", AT),
                new TerritoryCreated("territory-1", "org-1", "Mitte North", AREA, AT),
                new TerritoryReshaped("territory-1", "org-1", AREA, AT),
                new TerritoryRetired("territory-1", "org-1", AT));
    }

    private EventSamples() {}
}
