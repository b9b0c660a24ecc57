package io.haulstream.benchmark;

import io.haulstream.benchmark.city.City;
import io.haulstream.benchmark.seed.SeedBaseline;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The query families of the seed's dashboards, each asked both ways with the same random
 * parameters: haulstream over HTTP through its query API, the seed's way as its SQL over JDBC.
 */
final class QueryFamilies {

    /** One family: how haulstream is asked (null when its API does not serve it yet) and how the seed answers. */
    private record Family(String name, HaulstreamRequest haulstream, BaselineRequest baseline, String note) {}

    @FunctionalInterface
    private interface HaulstreamRequest {
        String path(Random random);
    }

    @FunctionalInterface
    private interface BaselineRequest {
        SeedBaseline.Result run(Connection connection, Random random) throws SQLException;
    }

    record Mix(Latency.Summary latency, Map<String, Object> cache) {}

    private final Settings settings;
    private final Http http;
    private final Resources resources;
    private final City city;
    private final SeedBaseline baseline;
    private final int[] binsOfOrganization;

    QueryFamilies(Settings settings, Http http, Resources resources, City city, SeedBaseline baseline) {
        this.settings = settings;
        this.http = http;
        this.resources = resources;
        this.city = city;
        this.baseline = baseline;
        this.binsOfOrganization = new int[city.organizationCount()];
        for (int bin = 0; bin < city.binCount(); bin++) {
            binsOfOrganization[city.binOrganization(bin)]++;
        }
    }

    private List<Family> families() {
        return List.of(
                new Family(
                        "route statistics",
                        random -> organization(random) + "/statistics/routes",
                        (db, random) -> baseline.statistics().routeStatistics(db, organizationId(random)),
                        null),
                new Family(
                        "route statistics, all organizations",
                        random -> "/api/v1/statistics/routes",
                        (db, random) -> baseline.statistics().routeStatistics(db, null),
                        null),
                new Family(
                        "bin statistics",
                        random -> organization(random) + "/statistics/bins",
                        (db, random) -> baseline.statistics().binStatistics(db, organizationId(random)),
                        null),
                radius("bins within 1 km", 1_000),
                radius("bins within 5 km", 5_000),
                new Family(
                        "nearest 10 bins",
                        random -> {
                            double[] point = city.randomPointNearBins(random);
                            return organization(random) + "/bins/nearest?limit=10&" + at(point);
                        },
                        (db, random) -> {
                            double[] point = city.randomPointNearBins(random);
                            return baseline.bins().nearestBins(db, organizationId(random), point[0], point[1], 10);
                        },
                        null),
                new Family(
                        "page of 100 bins with customer and organization, at a random depth",
                        random -> {
                            // The board pages with after=: any bin of the organization is a cursor at its depth.
                            int bin = city.randomBin(random);
                            return "/api/v1/organizations/" + city.binOrganizationId(bin) + "/bins?size=100&after="
                                    + city.binId(bin);
                        },
                        (db, random) -> {
                            int organization = city.binOrganization(city.randomBin(random));
                            return baseline.bins()
                                    .pageOfBins(
                                            db,
                                            city.organizationIds().get(organization),
                                            page(organization, random),
                                            100);
                        },
                        "haulstream pages with the keyset after= (what the next field gives), the seed with OFFSET"),
                new Family(
                        "route detail with its stops",
                        random -> {
                            int route = city.randomRoute(random);
                            return "/api/v1/organizations/" + city.routeOrganizationId(route) + "/routes/"
                                    + city.routeId(route);
                        },
                        (db, random) -> baseline.routes().routeDetail(db, city.routeId(city.randomRoute(random))),
                        null),
                new Family(
                        "routes within 1 km",
                        random -> {
                            double[] point = city.randomPointNearBins(random);
                            return organization(random) + "/routes/within?radiusMetres=1000&" + at(point);
                        },
                        (db, random) -> {
                            double[] point = city.randomPointNearBins(random);
                            return baseline.routes().routesWithin(db, organizationId(random), point[0], point[1], 1000);
                        },
                        null),
                new Family(
                        "service history of a bin, newest 50",
                        random -> {
                            int bin = city.randomBin(random);
                            return "/api/v1/organizations/" + city.binOrganizationId(bin) + "/bins/" + city.binId(bin)
                                    + "/service-history?limit=50";
                        },
                        (db, random) -> baseline.history().ofBin(db, city.binId(city.randomBin(random)), 50),
                        null),
                new Family(
                        "service history of a route, newest 50",
                        random -> {
                            int route = city.randomRoute(random);
                            return "/api/v1/organizations/" + city.routeOrganizationId(route) + "/routes/"
                                    + city.routeId(route) + "/service-history?limit=50";
                        },
                        (db, random) -> baseline.history().ofRoute(db, city.routeId(city.randomRoute(random)), 50),
                        null));
    }

    private Family radius(String name, int metres) {
        return new Family(
                name,
                random -> {
                    double[] point = city.randomPointNearBins(random);
                    return organization(random) + "/bins/within?radiusMetres=" + metres + "&" + at(point);
                },
                (db, random) -> {
                    double[] point = city.randomPointNearBins(random);
                    return baseline.bins().binsWithin(db, organizationId(random), point[0], point[1], metres);
                },
                null);
    }

    private static String at(double[] lonLat) {
        return String.format(Locale.ROOT, "longitude=%.6f&latitude=%.6f", lonLat[0], lonLat[1]);
    }

    private String organizationId(Random random) {
        return city.organizationIds().get(random.nextInt(city.organizationIds().size()));
    }

    private String organization(Random random) {
        return "/api/v1/organizations/" + organizationId(random);
    }

    private int page(int organization, Random random) {
        return random.nextInt(Math.max(1, binsOfOrganization[organization] / 100));
    }

    /**
     * Statistics of the smallest organization and of the whole city, one after the other: a read
     * that is a key lookup costs the same whether it counts a few thousand bins or all of them.
     */
    List<Report.Scope> scopes() {
        int smallest = 0;
        for (int organization = 1; organization < binsOfOrganization.length; organization++) {
            if (binsOfOrganization[organization] < binsOfOrganization[smallest]) {
                smallest = organization;
            }
        }
        String organizationId = city.organizationId(smallest);
        List<Report.Scope> scopes = new ArrayList<>();
        for (String statistics : List.of("routes", "bins")) {
            String small = "/api/v1/organizations/" + organizationId + "/statistics/" + statistics;
            String all = "/api/v1/statistics/" + statistics;
            scopes.add(new Report.Scope(
                    statistics + " statistics",
                    String.format(Locale.ROOT, "one organization (%,d bins)", binsOfOrganization[smallest]),
                    closed(statistics + " statistics, smallest organization", timedGet(random -> small)),
                    String.format(Locale.ROOT, "all organizations (%,d bins)", city.binCount()),
                    closed(statistics + " statistics, all organizations", timedGet(random -> all))));
        }
        return scopes;
    }

    /**
     * Every family's query path is compiled by the JIT before the first one is measured; otherwise
     * the first family pays for the code paths that all of them share.
     */
    List<Report.Family> measureAll() throws Exception {
        List<Family> families = families().stream()
                .filter(family -> settings.measures(family.name()))
                .toList();
        for (Family family : families) {
            if (family.haulstream() != null) {
                Load.closed(
                        "warm-up: haulstream " + family.name(),
                        settings.queryConcurrency(),
                        Duration.ZERO,
                        settings.warmUp(),
                        timedGet(family.haulstream()));
            }
        }
        List<Report.Family> measured = new ArrayList<>();
        for (Family family : families) {
            measured.add(measure(family));
        }
        return measured;
    }

    /**
     * Both ways at the same concurrency first; then each at a fixed arrival rate: haulstream at the
     * configured rate (the rate issue 16's bars are set at), the seed's way at that rate too, or at
     * half its own closed-model throughput where it cannot carry it, so that the open model shows
     * its latency under a load it can carry rather than the queue of one that cannot. Where the two
     * rates differ, haulstream carries the heavier load; each row names its rate.
     */
    private Report.Family measure(Family family) throws Exception {
        try (Connections db = new Connections(settings, settings.queryConcurrency() * 4)) {
            Load.Operation haulstream = timedGet(family.haulstream());
            AtomicLong statements = new AtomicLong();
            Load.Operation seed = (worker, n) -> {
                statements.addAndGet(family.baseline()
                        .run(db.of(worker), ThreadLocalRandom.current())
                        .statements());
                return Load.NOT_TIMED;
            };
            Latency.Summary haulstreamClosed = null;
            Double connections = null;
            Double cacheHitRatio = null;
            if (family.haulstream() != null) {
                Map<String, Double> before = resources.scrape(settings.queryUrl());
                haulstreamClosed = closed("haulstream " + family.name(), haulstream);
                Map<String, Double> after = resources.scrape(settings.queryUrl());
                connections = delta(before, after, "hikaricp_connections_usage_seconds_count")
                        / Math.max(1, haulstreamClosed.count());
                double hits = delta(before, after, "haulstream_cache_requests_total", "result=\"hit\"");
                double misses = delta(before, after, "haulstream_cache_requests_total", "result=\"miss\"");
                cacheHitRatio = hits + misses == 0 ? null : hits / (hits + misses);
            }
            Latency.Summary seedClosed = closed("seed " + family.name(), seed);
            double perRequest = statements.get() / (double) Math.max(1, seedClosed.count());
            Latency.Summary haulstreamRate = haulstreamClosed == null
                    ? null
                    : fixedRate("haulstream " + family.name(), settings.queryRate(), haulstream);
            Latency.Summary seedRate = fixedRate(
                    "seed " + family.name(), Math.min(settings.queryRate(), 0.5 * seedClosed.perSecond()), seed);
            return new Report.Family(
                    family.name(),
                    family.haulstream() == null
                            ? null
                            : "GET " + family.haulstream().path(new Random(1)),
                    "seed SQL over JDBC",
                    haulstreamClosed,
                    haulstreamRate,
                    seedClosed,
                    seedRate,
                    connections,
                    cacheHitRatio,
                    perRequest,
                    family.note());
        }
    }

    /** A GET of the query API timed by the server's own {@code Server-Timing}. */
    private Load.Operation timedGet(HaulstreamRequest request) {
        return (worker, n) -> Http.serverNanos(http.get(settings.queryUrl() + request.path(ThreadLocalRandom.current()))
                .headers());
    }

    private Latency.Summary closed(String name, Load.Operation operation) {
        return Load.closed(name, settings.queryConcurrency(), settings.warmUp(), settings.queryDuration(), operation);
    }

    private Latency.Summary fixedRate(String name, double rate, Load.Operation operation) {
        return Load.fixedRate(
                String.format(Locale.ROOT, "%s at %.0f/s", name, rate),
                rate,
                settings.queryConcurrency() * 4,
                Duration.ZERO,
                settings.queryDuration(),
                operation);
    }

    /**
     * Nine reads of route and bin statistics to one command, at a fixed rate. The commands change
     * the write path's own organization, whose statistics are among those read, so the cache is
     * measured while the entries it holds are being replaced.
     */
    Mix readWriteMix(WritePath writes) throws Exception {
        List<String> organizations = new ArrayList<>(city.organizationIds());
        organizations.add(writes.organizationId());
        Load.Operation read = timedGet(random -> "/api/v1/organizations/"
                + organizations.get(random.nextInt(organizations.size())) + "/statistics/"
                + (random.nextBoolean() ? "routes" : "bins"));
        Map<String, Double> before = resources.scrape(settings.queryUrl());
        Latency.Summary latency = Load.fixedRate(
                "90/10 read/write mix at " + (int) settings.queryRate() + "/s",
                settings.queryRate(),
                settings.queryConcurrency() * 4,
                settings.warmUp(),
                settings.queryDuration(),
                (worker, n) -> {
                    if (n % 10 == 9) {
                        writes.command(n);
                        return Load.NOT_TIMED;
                    }
                    return read.run(worker, n);
                });
        Map<String, Double> after = resources.scrape(settings.queryUrl());
        Map<String, Object> cache = new LinkedHashMap<>();
        for (String family : List.of("stats")) {
            double hits = delta(
                    before, after, "haulstream_cache_requests_total", "family=\"" + family + "\"", "result=\"hit\"");
            double misses = delta(
                    before, after, "haulstream_cache_requests_total", "family=\"" + family + "\"", "result=\"miss\"");
            cache.put(
                    family + " hit ratio",
                    hits + misses == 0 ? "no requests" : String.format(Locale.ROOT, "%.4f", hits / (hits + misses)));
            cache.put(family + " hits", (long) hits);
            cache.put(family + " misses", (long) misses);
            cache.put(family + " fallbacks", (long)
                    delta(before, after, "haulstream_cache_fallbacks_total", "family=\"" + family + "\""));
        }
        return new Mix(latency, cache);
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name, String... labels) {
        return Resources.sum(after, name, labels) - Resources.sum(before, name, labels);
    }

    /** One JDBC connection per load thread, as a connection pool would hand out. */
    private static final class Connections implements AutoCloseable {

        private final Connection[] connections;
        private final Settings settings;

        Connections(Settings settings, int size) {
            this.settings = settings;
            this.connections = new Connection[size];
        }

        synchronized Connection of(int worker) throws SQLException {
            if (connections[worker] == null) {
                connections[worker] = settings.queryDatabase();
            }
            return connections[worker];
        }

        @Override
        public void close() throws SQLException {
            for (Connection connection : connections) {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }
}
