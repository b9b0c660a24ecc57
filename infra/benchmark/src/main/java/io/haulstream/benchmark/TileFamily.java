package io.haulstream.benchmark;

import io.haulstream.benchmark.city.City;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The board's map tiles: random tiles at zoom 12 to 16 where the city's bins are (a random bin's
 * organization, around that bin), read at a fixed rate like a room of dispatchers panning, with the
 * server's p99 and the tiles' sizes. No seed counterpart: the seed's dashboards draw no map.
 */
final class TileFamily {

    static final int MIN_ZOOM = 12;
    static final int MAX_ZOOM = 16;

    /** The rate the issue sets for the board: 200 tiles/s, unless BENCHMARK_QUERY_RATE is lower. */
    static final double RATE = 200;

    /**
     * @param sizeBytes p50, p99 and max of the tiles' bodies, and their mean
     * @param cache hits and misses of the tile cache during the run
     */
    record Figures(
            String request,
            Latency.Summary latency,
            Map<String, Double> sizeBytes,
            double hitRatio,
            long hits,
            long misses) {}

    private final Settings settings;
    private final Http http;
    private final Resources resources;
    private final City city;

    TileFamily(Settings settings, Http http, Resources resources, City city) {
        this.settings = settings;
        this.http = http;
        this.resources = resources;
        this.city = city;
    }

    /** The XYZ tile of a longitude and latitude at a zoom, as web maps number them. */
    static int[] tileOf(double longitude, double latitude, int z) {
        double n = 1 << z;
        double radians = Math.toRadians(latitude);
        int x = (int) Math.floor((longitude + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2 * n);
        return new int[] {Math.max(0, Math.min((int) n - 1, x)), Math.max(0, Math.min((int) n - 1, y))};
    }

    static String path(String organizationId, String layer, double longitude, double latitude, int z) {
        int[] tile = tileOf(longitude, latitude, z);
        return String.format(
                Locale.ROOT,
                "/api/v1/organizations/%s/tiles/%s/%d/%d/%d.mvt",
                organizationId,
                layer,
                z,
                tile[0],
                tile[1]);
    }

    /** A random bins tile (four in five) or routes tile at a random zoom from 12 to 16 around a random bin. */
    String randomPath(Random random) {
        int bin = city.randomBin(random);
        int z = MIN_ZOOM + random.nextInt(MAX_ZOOM - MIN_ZOOM + 1);
        String layer = random.nextInt(5) == 0 ? "routes" : "bins";
        return path(city.binOrganizationId(bin), layer, city.binLongitude(bin), city.binLatitude(bin), z);
    }

    Figures run() throws Exception {
        List<Long> sizes = Collections.synchronizedList(new ArrayList<>());
        Load.Operation tile = (worker, n) -> {
            HttpResponse<byte[]> reply = http.get(settings.queryUrl() + randomPath(ThreadLocalRandom.current()));
            sizes.add((long) reply.body().length);
            return Http.serverNanos(reply.headers());
        };
        Load.closed("warm-up: haulstream tiles", settings.queryConcurrency(), Duration.ZERO, settings.warmUp(), tile);
        sizes.clear();
        Map<String, Double> before = resources.scrape(settings.queryUrl());
        double rate = Math.min(RATE, settings.queryRate());
        Latency.Summary latency = Load.fixedRate(
                String.format(Locale.ROOT, "haulstream tiles at %.0f/s", rate),
                rate,
                settings.queryConcurrency() * 4,
                Duration.ZERO,
                settings.queryDuration(),
                tile);
        Map<String, Double> after = resources.scrape(settings.queryUrl());
        double hits = delta(before, after, "result=\"hit\"");
        double misses = delta(before, after, "result=\"miss\"");
        return new Figures(
                "GET " + randomPath(new Random(1)),
                latency,
                sizes(sizes),
                hits + misses == 0 ? 0 : hits / (hits + misses),
                (long) hits,
                (long) misses);
    }

    static Map<String, Double> sizes(List<Long> sizes) {
        List<Long> sorted;
        synchronized (sizes) {
            sorted = new ArrayList<>(sizes);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Map.of();
        }
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
        return Map.of(
                "p50", (double) sorted.get((int) Math.floor(0.50 * (sorted.size() - 1))),
                "p99", (double) sorted.get((int) Math.ceil(0.99 * (sorted.size() - 1))),
                "max", (double) sorted.get(sorted.size() - 1),
                "mean", mean);
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String result) {
        String name = "haulstream_cache_requests_total";
        return Resources.sum(after, name, "family=\"tile\"", result)
                - Resources.sum(before, name, "family=\"tile\"", result);
    }
}
