package io.haulstream.benchmark.seed;

import io.haulstream.benchmark.Progress;
import io.haulstream.benchmark.city.City;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
 * <p>In parts a reader can hold: the schema as SQL beside this class ({@code schema.sql},
 * {@code indexes.sql}), the loading ({@link SeedLoad}), and the queries by what they read
 * ({@link SeedStatistics}, {@link SeedBinReads}, {@link SeedRouteReads}, {@link SeedServiceHistory}).
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

    private final String url;
    private final String user;
    private final String password;
    private final SeedStatistics statistics = new SeedStatistics();
    private final SeedBinReads bins = new SeedBinReads();
    private final SeedRouteReads routes = new SeedRouteReads();
    private final SeedServiceHistory history = new SeedServiceHistory();

    public SeedBaseline(String jdbcUrl, String user, String password) {
        this.url = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** A new connection to the baseline's database, for one load thread. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Drops and recreates the schema with empty tables ({@code schema.sql}); keys and indexes come with {@link #load}. */
    public void create() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String sql : script("schema.sql")) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Fills the tables created by {@link #create} from the city ({@link SeedLoad}), then adds the
     * keys and indexes of {@code indexes.sql} (after the data, which is how one restores a dump and
     * far faster than checking row by row) and runs ANALYZE.
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
        long rows;
        try (Connection connection = connect()) {
            try (Progress progress = new Progress("seed baseline COPY", total, "rows")) {
                rows = SeedLoad.copy(connection, city, progress);
            }
            List<String> ddl = script("indexes.sql");
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

    /** GROUP BY statistics on every request. */
    public SeedStatistics statistics() {
        return statistics;
    }

    /** Radius, nearest and pages of bins. */
    public SeedBinReads bins() {
        return bins;
    }

    /** Route detail and routes within a radius. */
    public SeedRouteReads routes() {
        return routes;
    }

    /** A bin's and a route's service history. */
    public SeedServiceHistory history() {
        return history;
    }

    /** The statements of an SQL resource beside this class: comment lines dropped, split at each closing semicolon. */
    static List<String> script(String name) {
        try (InputStream in = SeedBaseline.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String code = Arrays.stream(text.split("\n"))
                    .filter(line -> !line.strip().startsWith("--"))
                    .reduce("", (all, line) -> all + line + "\n");
            return Arrays.stream(code.split(";\\s*\n"))
                    .map(String::strip)
                    .filter(sql -> !sql.isEmpty())
                    .toList();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
