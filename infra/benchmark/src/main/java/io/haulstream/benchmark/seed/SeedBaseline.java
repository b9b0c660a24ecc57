package io.haulstream.benchmark.seed;

import io.haulstream.benchmark.Progress;
import io.haulstream.benchmark.city.City;
import io.haulstream.events.BinServiced;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed document's "current" system, as the baseline: the normalized schema an ORM would have
 * made (organizations, customers, bins, routes, route stops, service events; surrogate keys,
 * {@code deleted_at} for soft deletes, b-tree indexes on every foreign key, plain GIST indexes on
 * the geography columns with no partial predicate), and queries that do what the seed says its
 * code does: GROUP BY statistics recomputed on every request, radius queries whose index cannot
 * filter by status, nearest bins by sorting on {@code ST_Distance} instead of the KNN operator,
 * and associations loaded one row at a time (Bin, then its Customer, then its Organization).
 *
 * <p>It lives in schema {@value #SCHEMA} of the read model's own database, so both sides share one
 * server, one buffer cache and the database-level settings ({@code jit}, parallel workers); only
 * the schema and the queries differ. Loaded from the same {@link City} as haulstream, it holds the
 * same ids and the same final values, so answers can be compared one to one.
 *
 * <p>The query methods keep no state and use only the connection they are given: one connection
 * per load thread, and each method runs in that connection's autocommit mode, as an ORM's pool would.
 */
public final class SeedBaseline {

    public static final String SCHEMA = "seed_baseline";

    public static final int DEFAULT_PAGE_SIZE = 100;

    /**
     * What a request did.
     *
     * @param rows rows read over all statements (the request's own answer is smaller for N+1 pages)
     * @param statements SQL statements sent for this one request
     * @param counts for the statistics: {@code dimension=value} to count (e.g. {@code status=ACTIVE},
     *     {@code fill_band=0-24}), plus {@code serviced}, {@code missed} and {@code exceptions} for
     *     bins; empty for the other requests
     */
    public record Result(int rows, int statements, Map<String, Long> counts) {

        static Result of(int rows, int statements) {
            return new Result(rows, statements, Map.of());
        }
    }

    private static final String FILL_BAND = "CASE WHEN fill_level IS NULL THEN 'UNKNOWN'"
            + " WHEN fill_level < 25 THEN '0-24' WHEN fill_level < 50 THEN '25-49'"
            + " WHEN fill_level < 75 THEN '50-74' ELSE '75-100' END";

    private static final String BIN_COLUMNS = "b.id, b.customer_id, b.organization_id, b.tag, b.status, b.waste_stream,"
            + " b.container_type, b.capacity, b.fill_level, ST_X(b.location::geometry) AS longitude,"
            + " ST_Y(b.location::geometry) AS latitude, b.created_at, b.updated_at";

    private final String url;
    private final String user;
    private final String password;

    public SeedBaseline(String jdbcUrl, String user, String password) {
        this.url = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** A new connection to the baseline's database, for one load thread. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Drops and recreates the schema with empty tables; keys and indexes come with {@link #load}. */
    public void create() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("CREATE TABLE " + SCHEMA + ".organizations ("
                    + " id TEXT NOT NULL,"
                    + " name TEXT NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL,"
                    + " updated_at TIMESTAMPTZ NOT NULL,"
                    + " deleted_at TIMESTAMPTZ)");
            statement.execute("CREATE TABLE " + SCHEMA + ".customers ("
                    + " id TEXT NOT NULL,"
                    + " organization_id TEXT NOT NULL,"
                    + " name TEXT NOT NULL,"
                    + " service_address TEXT NOT NULL,"
                    + " location public.geography(Point, 4326) NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL,"
                    + " updated_at TIMESTAMPTZ NOT NULL,"
                    + " deleted_at TIMESTAMPTZ)");
            statement.execute("CREATE TABLE " + SCHEMA + ".bins ("
                    + " id TEXT NOT NULL,"
                    + " customer_id TEXT NOT NULL,"
                    + " organization_id TEXT NOT NULL,"
                    + " tag TEXT NOT NULL,"
                    + " status TEXT NOT NULL,"
                    + " waste_stream TEXT NOT NULL,"
                    + " container_type TEXT NOT NULL,"
                    + " capacity INTEGER NOT NULL,"
                    + " fill_level INTEGER,"
                    + " location public.geography(Point, 4326) NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL,"
                    + " updated_at TIMESTAMPTZ NOT NULL,"
                    + " deleted_at TIMESTAMPTZ)");
            // The seed's own index DDL names the column route_geometry.
            statement.execute("CREATE TABLE " + SCHEMA + ".routes ("
                    + " id TEXT NOT NULL,"
                    + " organization_id TEXT NOT NULL,"
                    + " name TEXT NOT NULL,"
                    + " status TEXT NOT NULL,"
                    + " type TEXT NOT NULL,"
                    + " service_day TEXT NOT NULL,"
                    + " territory TEXT NOT NULL,"
                    + " route_geometry public.geography(LineString, 4326) NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL,"
                    + " updated_at TIMESTAMPTZ NOT NULL,"
                    + " deleted_at TIMESTAMPTZ)");
            statement.execute("CREATE TABLE " + SCHEMA + ".route_stops ("
                    + " id BIGINT GENERATED BY DEFAULT AS IDENTITY,"
                    + " route_id TEXT NOT NULL,"
                    + " bin_id TEXT NOT NULL,"
                    + " position INTEGER NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
                    + " updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            statement.execute("CREATE TABLE " + SCHEMA + ".service_events ("
                    + " id BIGINT GENERATED BY DEFAULT AS IDENTITY,"
                    + " bin_id TEXT NOT NULL,"
                    + " route_id TEXT,"
                    + " outcome TEXT NOT NULL,"
                    + " weight_kg DOUBLE PRECISION,"
                    + " fleet_record_id TEXT,"
                    + " serviced_at TIMESTAMPTZ NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
    }

    /**
     * Fills the tables created by {@link #create} from the city (final state: statuses and fill
     * levels after all its events, every service event), then adds the keys and indexes (after
     * the data, which is how one restores a dump and far faster than checking row by row) and
     * runs ANALYZE.
     *
     * @return rows loaded
     */
    public long load(City city) throws SQLException {
        long total = (long) city.organizationCount()
                + city.customerCount()
                + city.binCount()
                + city.routeCount()
                + city.assignedBinCount()
                + city.serviceEventCount();
        long rows = 0;
        try (Connection connection = connect()) {
            try (Progress progress = new Progress("seed baseline COPY", total, "rows")) {
                rows += copyOrganizations(connection, city, progress);
                rows += copyCustomers(connection, city, progress);
                rows += copyBins(connection, city, progress);
                rows += copyRoutes(connection, city, progress);
                rows += copyRouteStops(connection, city, progress);
                rows += copyServiceEvents(connection, city, progress);
            }
            List<String> ddl = indexes();
            try (Progress progress = new Progress("seed baseline indexes", ddl.size(), "steps");
                    Statement statement = connection.createStatement()) {
                for (String sql : ddl) {
                    statement.execute(sql);
                    progress.step();
                }
            }
        }
        return rows;
    }

    private static List<String> indexes() {
        String s = SCHEMA + ".";
        List<String> ddl = new ArrayList<>();
        for (String table : List.of("organizations", "customers", "bins", "routes", "route_stops", "service_events")) {
            ddl.add("ALTER TABLE " + s + table + " ADD PRIMARY KEY (id)");
        }
        ddl.add(foreignKey("customers", "organization_id", "organizations"));
        ddl.add(foreignKey("bins", "customer_id", "customers"));
        ddl.add(foreignKey("bins", "organization_id", "organizations"));
        ddl.add(foreignKey("routes", "organization_id", "organizations"));
        ddl.add(foreignKey("route_stops", "route_id", "routes"));
        ddl.add(foreignKey("route_stops", "bin_id", "bins"));
        ddl.add(foreignKey("service_events", "bin_id", "bins"));
        ddl.add(foreignKey("service_events", "route_id", "routes"));
        ddl.add("CREATE INDEX customers_organization_id_idx ON " + s + "customers (organization_id)");
        ddl.add("CREATE INDEX bins_customer_id_idx ON " + s + "bins (customer_id)");
        ddl.add("CREATE INDEX bins_organization_id_idx ON " + s + "bins (organization_id)");
        ddl.add("CREATE INDEX routes_organization_id_idx ON " + s + "routes (organization_id)");
        ddl.add("CREATE INDEX route_stops_route_id_idx ON " + s + "route_stops (route_id)");
        ddl.add("CREATE INDEX route_stops_bin_id_idx ON " + s + "route_stops (bin_id)");
        ddl.add("CREATE INDEX service_events_bin_id_idx ON " + s + "service_events (bin_id)");
        ddl.add("CREATE INDEX service_events_route_id_idx ON " + s + "service_events (route_id)");
        ddl.add("CREATE INDEX service_events_serviced_at_idx ON " + s + "service_events (serviced_at)");
        // What the seed has today: GIST on the geography alone, no status or deleted_at predicate.
        ddl.add("CREATE INDEX customers_location_idx ON " + s + "customers USING GIST (location)");
        ddl.add("CREATE INDEX bins_location_idx ON " + s + "bins USING GIST (location)");
        ddl.add("CREATE INDEX routes_route_geometry_idx ON " + s + "routes USING GIST (route_geometry)");
        for (String table : List.of("organizations", "customers", "bins", "routes", "route_stops", "service_events")) {
            ddl.add("ANALYZE " + s + table);
        }
        return ddl;
    }

    private static String foreignKey(String table, String column, String referenced) {
        return "ALTER TABLE " + SCHEMA + "." + table + " ADD FOREIGN KEY (" + column + ") REFERENCES " + SCHEMA + "."
                + referenced + " (id)";
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

    // ---------------------------------------------------------------- the seed's queries

    /**
     * The seed's {@code Route.getRouteStatistics()}: three GROUP BY queries over the routes table,
     * on every request (the seed runs them with {@code Promise.all}; one connection runs them in turn).
     *
     * @param organizationId null for the seed's own form, over all organizations
     */
    public Result routeStatistics(Connection connection, String organizationId) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        int rows = 0;
        int statements = 0;
        for (String dimension : List.of("status", "type", "service_day")) {
            String sql = "SELECT " + dimension + ", COUNT(id) AS count FROM " + SCHEMA + ".routes"
                    + " WHERE deleted_at IS NULL"
                    + (organizationId == null ? "" : " AND organization_id = ?")
                    + " GROUP BY " + dimension;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (organizationId != null) {
                    statement.setString(1, organizationId);
                }
                statements++;
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        counts.put(dimension + "=" + result.getString(1), result.getLong(2));
                        rows++;
                    }
                }
            }
        }
        return new Result(rows, statements, counts);
    }

    /** {@link #binStatistics(Connection, String, LocalDate)} for today (UTC, as the read model counts days). */
    public Result binStatistics(Connection connection, String organizationId) throws SQLException {
        return binStatistics(connection, organizationId, LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * The seed's {@code Bin.getBinStatistics()}: a GROUP BY per dimension over the bins table, and
     * the day's service counts by joining service events to bins and customers, on every request.
     */
    public Result binStatistics(Connection connection, String organizationId, LocalDate day) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        int rows = 0;
        int statements = 0;
        Map<String, String> dimensions = new TreeMap<>();
        dimensions.put("status", "status");
        dimensions.put("waste_stream", "waste_stream");
        dimensions.put("container_type", "container_type");
        dimensions.put("fill_band", FILL_BAND);
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            String sql = "SELECT " + dimension.getValue() + " AS value, COUNT(id) AS count FROM " + SCHEMA + ".bins"
                    + " WHERE deleted_at IS NULL AND organization_id = ? GROUP BY 1";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, organizationId);
                statements++;
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        counts.put(dimension.getKey() + "=" + result.getString(1), result.getLong(2));
                        rows++;
                    }
                }
            }
        }
        String sql = "SELECT COUNT(se.id) FILTER (WHERE se.outcome = 'EMPTIED'),"
                + " COUNT(se.id) FILTER (WHERE se.outcome = 'MISSED'),"
                + " COUNT(se.id) FILTER (WHERE se.outcome NOT IN ('EMPTIED', 'MISSED'))"
                + " FROM " + SCHEMA + ".service_events se"
                + " JOIN " + SCHEMA + ".bins b ON b.id = se.bin_id"
                + " JOIN " + SCHEMA + ".customers c ON c.id = b.customer_id"
                + " WHERE c.organization_id = ? AND c.deleted_at IS NULL AND b.deleted_at IS NULL"
                + " AND se.serviced_at >= ? AND se.serviced_at < ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, organizationId);
            statement.setTimestamp(
                    2, Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
            statement.setTimestamp(
                    3,
                    Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                if (result.next()) {
                    counts.put("serviced", result.getLong(1));
                    counts.put("missed", result.getLong(2));
                    counts.put("exceptions", result.getLong(3));
                    rows++;
                }
            }
        }
        return new Result(rows, statements, counts);
    }

    /** {@link #binsWithin(Connection, String, double, double, double, int)} without a limit. */
    public Result binsWithin(
            Connection connection, String organizationId, double longitude, double latitude, double metres)
            throws SQLException {
        return binsWithin(connection, organizationId, longitude, latitude, metres, 0);
    }

    /**
     * The seed's {@code findWithinRadius()}: {@code ST_DWithin} on geography. The only spatial
     * index is the plain GIST on location, so the status and tenant are filtered after it.
     *
     * @param limit at most this many rows; 0 for all
     */
    public Result binsWithin(
            Connection connection, String organizationId, double longitude, double latitude, double metres, int limit)
            throws SQLException {
        String sql = "SELECT " + BIN_COLUMNS + ","
                + " ST_Distance(b.location, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) AS distance_metres"
                + " FROM " + SCHEMA + ".bins b"
                + " WHERE b.organization_id = ? AND b.deleted_at IS NULL AND b.status = 'ACTIVE'"
                + " AND ST_DWithin(b.location, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)"
                + (limit > 0 ? " LIMIT " + limit : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, longitude);
            statement.setDouble(2, latitude);
            statement.setString(3, organizationId);
            statement.setDouble(4, longitude);
            statement.setDouble(5, latitude);
            statement.setDouble(6, metres);
            try (ResultSet result = statement.executeQuery()) {
                return Result.of(readAll(result), 1);
            }
        }
    }

    /**
     * Nearest bins the way code without the KNN operator does it: compute {@code ST_Distance} to
     * every active bin of the organization, sort, keep the first {@code k}.
     */
    public Result nearestBins(Connection connection, String organizationId, double longitude, double latitude, int k)
            throws SQLException {
        String sql = "SELECT " + BIN_COLUMNS + ","
                + " ST_Distance(b.location, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) AS distance_metres"
                + " FROM " + SCHEMA + ".bins b"
                + " WHERE b.organization_id = ? AND b.deleted_at IS NULL AND b.status = 'ACTIVE'"
                + " ORDER BY distance_metres LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, longitude);
            statement.setDouble(2, latitude);
            statement.setString(3, organizationId);
            statement.setInt(4, k);
            try (ResultSet result = statement.executeQuery()) {
                return Result.of(readAll(result), 1);
            }
        }
    }

    /** {@link #pageOfBins(Connection, String, int, int)} with {@value #DEFAULT_PAGE_SIZE} bins a page. */
    public Result pageOfBins(Connection connection, String organizationId, int page) throws SQLException {
        return pageOfBins(connection, organizationId, page, DEFAULT_PAGE_SIZE);
    }

    /**
     * A page of bins "with customer and organization" as lazy loading does it: one SELECT for the
     * page, then for every bin a SELECT of its customer and a SELECT of that customer's
     * organization (Bin, Customer, Organization, one row at a time): 1 + 2n statements.
     *
     * @param page from 0
     */
    public Result pageOfBins(Connection connection, String organizationId, int page, int size) throws SQLException {
        int rows = 0;
        int statements = 0;
        List<String> customerIds = new ArrayList<>(size);
        String pageSql = "SELECT " + BIN_COLUMNS + " FROM " + SCHEMA + ".bins b"
                + " WHERE b.organization_id = ? AND b.deleted_at IS NULL ORDER BY b.id LIMIT ? OFFSET ?";
        try (PreparedStatement statement = connection.prepareStatement(pageSql)) {
            statement.setString(1, organizationId);
            statement.setInt(2, size);
            statement.setLong(3, (long) page * size);
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    read(result, columns);
                    customerIds.add(result.getString("customer_id"));
                    rows++;
                }
            }
        }
        String customerSql = "SELECT id, organization_id, name, service_address, ST_X(location::geometry) AS longitude,"
                + " ST_Y(location::geometry) AS latitude, created_at, updated_at FROM " + SCHEMA + ".customers"
                + " WHERE id = ? AND deleted_at IS NULL";
        String organizationSql = "SELECT id, name, created_at, updated_at FROM " + SCHEMA + ".organizations"
                + " WHERE id = ? AND deleted_at IS NULL";
        try (PreparedStatement customers = connection.prepareStatement(customerSql);
                PreparedStatement organizations = connection.prepareStatement(organizationSql)) {
            for (String customerId : customerIds) {
                String customerOrganization = null;
                customers.setString(1, customerId);
                statements++;
                try (ResultSet result = customers.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    if (result.next()) {
                        read(result, columns);
                        customerOrganization = result.getString("organization_id");
                        rows++;
                    }
                }
                if (customerOrganization != null) {
                    organizations.setString(1, customerOrganization);
                    statements++;
                    try (ResultSet result = organizations.executeQuery()) {
                        rows += readAll(result);
                    }
                }
            }
        }
        return Result.of(rows, statements);
    }

    /**
     * A route with its stops as lazy loading does it: the route, then its stop list, then every
     * stop's bin with its own SELECT: 2 + n statements.
     */
    public Result routeDetail(Connection connection, String routeId) throws SQLException {
        int rows = 0;
        int statements = 0;
        String routeSql = "SELECT id, organization_id, name, status, type, service_day, territory,"
                + " ST_AsGeoJSON(route_geometry) AS geometry, created_at, updated_at FROM " + SCHEMA + ".routes"
                + " WHERE id = ? AND deleted_at IS NULL";
        try (PreparedStatement statement = connection.prepareStatement(routeSql)) {
            statement.setString(1, routeId);
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                int found = readAll(result);
                if (found == 0) {
                    return Result.of(0, statements);
                }
                rows += found;
            }
        }
        List<String> binIds = new ArrayList<>();
        String stopsSql = "SELECT id, route_id, bin_id, position, created_at, updated_at FROM " + SCHEMA
                + ".route_stops WHERE route_id = ? ORDER BY position";
        try (PreparedStatement statement = connection.prepareStatement(stopsSql)) {
            statement.setString(1, routeId);
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    read(result, columns);
                    binIds.add(result.getString("bin_id"));
                    rows++;
                }
            }
        }
        String binSql = "SELECT " + BIN_COLUMNS + " FROM " + SCHEMA + ".bins b WHERE b.id = ? AND b.deleted_at IS NULL";
        try (PreparedStatement statement = connection.prepareStatement(binSql)) {
            for (String binId : binIds) {
                statement.setString(1, binId);
                statements++;
                try (ResultSet result = statement.executeQuery()) {
                    rows += readAll(result);
                }
            }
        }
        return Result.of(rows, statements);
    }

    /** Reads every column of every row, as an ORM hydrating entities would. */
    private static int readAll(ResultSet result) throws SQLException {
        int columns = result.getMetaData().getColumnCount();
        int rows = 0;
        while (result.next()) {
            read(result, columns);
            rows++;
        }
        return rows;
    }

    private static void read(ResultSet result, int columns) throws SQLException {
        for (int column = 1; column <= columns; column++) {
            result.getObject(column);
        }
    }
}
