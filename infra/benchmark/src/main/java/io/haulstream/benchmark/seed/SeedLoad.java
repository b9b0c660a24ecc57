package io.haulstream.benchmark.seed;

import static io.haulstream.benchmark.seed.SeedBaseline.SCHEMA;

import io.haulstream.benchmark.Progress;
import io.haulstream.benchmark.city.City;
import io.haulstream.events.BinServiced;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Fills the seed's tables from a city with COPY: its final state (statuses and fill levels after
 * all its events) and every service event.
 */
final class SeedLoad {

    private SeedLoad() {}

    /** @return rows loaded */
    static long copy(Connection connection, City city, Progress progress) throws SQLException {
        long rows = 0;
        rows += copyOrganizations(connection, city, progress);
        rows += copyCustomers(connection, city, progress);
        rows += copyBins(connection, city, progress);
        rows += copyRoutes(connection, city, progress);
        rows += copyRouteStops(connection, city, progress);
        rows += copyServiceEvents(connection, city, progress);
        return rows;
    }

    private static long copyOrganizations(Connection connection, City city, Progress progress) throws SQLException {
        try (CopyRows copy = new CopyRows(
                connection, SCHEMA + ".organizations", progress, "id", "name", "created_at", "updated_at")) {
            for (int org = 0; org < city.organizationCount(); org++) {
                copy.text(city.organizationId(org))
                        .text(city.organizationName(org))
                        .time(city.organizationRegisteredAt(org))
                        .time(city.organizationRegisteredAt(org))
                        .endRow();
            }
            return copy.finish();
        }
    }

    private static long copyCustomers(Connection connection, City city, Progress progress) throws SQLException {
        try (CopyRows copy = new CopyRows(
                connection,
                SCHEMA + ".customers",
                progress,
                "id",
                "organization_id",
                "name",
                "service_address",
                "location",
                "created_at",
                "updated_at")) {
            for (int customer = 0; customer < city.customerCount(); customer++) {
                copy.text(city.customerId(customer))
                        .text(city.organizationId(city.customerOrganization(customer)))
                        .text(city.customerName(customer))
                        .text(city.customerAddress(customer))
                        .point(city.customerLongitude(customer), city.customerLatitude(customer))
                        .time(city.customerRegisteredAt(customer))
                        .time(city.customerRegisteredAt(customer))
                        .endRow();
            }
            return copy.finish();
        }
    }

    private static long copyBins(Connection connection, City city, Progress progress) throws SQLException {
        try (CopyRows copy = new CopyRows(
                connection,
                SCHEMA + ".bins",
                progress,
                "id",
                "customer_id",
                "organization_id",
                "tag",
                "status",
                "waste_stream",
                "container_type",
                "capacity",
                "fill_level",
                "location",
                "created_at",
                "updated_at")) {
            for (int bin = 0; bin < city.binCount(); bin++) {
                copy.text(city.binId(bin))
                        .text(city.customerId(city.binCustomer(bin)))
                        .text(city.binOrganizationId(bin))
                        .text(city.binTag(bin))
                        .text(city.binStatus(bin).name())
                        .text(city.binWasteStream(bin).name())
                        .text(city.binContainerType(bin).name())
                        .number(city.binCapacityLitres(bin))
                        .number(city.binFillPercent(bin))
                        .point(city.binLongitude(bin), city.binLatitude(bin))
                        .time(city.binPlacedAt(bin))
                        .time(city.binPlacedAt(bin))
                        .endRow();
            }
            return copy.finish();
        }
    }

    private static long copyRoutes(Connection connection, City city, Progress progress) throws SQLException {
        try (CopyRows copy = new CopyRows(
                connection,
                SCHEMA + ".routes",
                progress,
                "id",
                "organization_id",
                "name",
                "status",
                "type",
                "service_day",
                "territory",
                "route_geometry",
                "created_at",
                "updated_at")) {
            for (int route = 0; route < city.routeCount(); route++) {
                copy.text(city.routeId(route))
                        .text(city.routeOrganizationId(route))
                        .text(city.routeName(route))
                        .text(city.routeStatus(route).name())
                        .text(city.routeType(route).name())
                        .text(city.routeServiceDay(route).name())
                        .text(city.routeTerritory(route))
                        .lineString(city.routePath(route))
                        .time(city.routeCreatedAt(route))
                        .time(city.routeCreatedAt(route))
                        .endRow();
            }
            return copy.finish();
        }
    }

    private static long copyRouteStops(Connection connection, City city, Progress progress) throws SQLException {
        try (CopyRows copy =
                new CopyRows(connection, SCHEMA + ".route_stops", progress, "route_id", "bin_id", "position")) {
            for (int route = 0; route < city.routeCount(); route++) {
                String routeId = city.routeId(route);
                int[] stops = city.routeStops(route);
                for (int position = 0; position < stops.length; position++) {
                    copy.text(routeId)
                            .text(city.binId(stops[position]))
                            .number(position)
                            .endRow();
                }
            }
            return copy.finish();
        }
    }

    private static long copyServiceEvents(Connection connection, City city, Progress progress) throws SQLException {
        try (CopyRows copy = new CopyRows(
                connection,
                SCHEMA + ".service_events",
                progress,
                "bin_id",
                "route_id",
                "outcome",
                "weight_kg",
                "fleet_record_id",
                "serviced_at")) {
            city.forEachEvent(generated -> {
                if (generated.event() instanceof BinServiced serviced) {
                    try {
                        copy.text(serviced.binId())
                                .text(serviced.routeId())
                                .text(serviced.outcome().name())
                                .number(serviced.weightKg())
                                .text(serviced.fleetRecordId())
                                .time(serviced.servicedAt())
                                .endRow();
                    } catch (SQLException e) {
                        throw new CopyFailed(e);
                    }
                }
            });
            return copy.finish();
        } catch (CopyFailed e) {
            throw e.sqlCause();
        }
    }

    /** Carries a COPY failure out of the event callback, which cannot throw checked exceptions. */
    private static final class CopyFailed extends RuntimeException {

        CopyFailed(SQLException cause) {
            super(cause);
        }

        SQLException sqlCause() {
            return (SQLException) getCause();
        }
    }
}
