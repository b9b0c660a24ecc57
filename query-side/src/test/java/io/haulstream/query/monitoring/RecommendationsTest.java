package io.haulstream.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The recommendation rules on figures chosen at either side of each rule's limit. */
class RecommendationsTest {

    private static Map<String, Object> index(String name, long scans, boolean unused) {
        return Map.of("index_name", name, "table_name", "bins", "scans", scans, "size_bytes", 8192L, "unused", unused);
    }

    private static Map<String, Object> table(String name, long live, long sequential, long indexed) {
        return Map.of(
                "table_name", name,
                "live_tuples", live,
                "sequential_scans", sequential,
                "sequential_tuples_read", sequential * live,
                "index_scans", indexed);
    }

    @Test
    void eachRuleFiresOnItsEvidenceAndOnlyThere() {
        var recommendations = DatabaseStatistics.recommendations(
                List.of(index("bins_route_idx", 0, true), index("bins_organization_idx", 12, false)),
                List.of(
                        table("bins", 1_000_000, 40, 3),
                        table("organizations", 50, 40, 3),
                        table("customers", 200_000, 2, 900)),
                Map.of("hits", 980_000L, "reads", 20_000L, "hitRatio", 0.98),
                false);
        assertThat(recommendations)
                .extracting(
                        r -> r.get("rule") + " " + r.get("advice").toString().split(" ")[1])
                .containsExactly(
                        "autovacuum-off server's",
                        "unused-index bins_route_idx",
                        "sequential-scans-on-large-table bins",
                        "low-buffer-cache-hit-ratio buffer");
    }

    @Test
    void aHitRatioOverTooFewBlocksSaysNothing() {
        assertThat(DatabaseStatistics.recommendations(
                        List.of(), List.of(), Map.of("hits", 900L, "reads", 100L, "hitRatio", 0.9), true))
                .isEmpty();
    }

    /** Nearest rank against sorting by hand: the k-th smallest with k = ceil(q * n). */
    @Test
    void benchmarkPercentilesAreNearestRank() {
        Random random = new Random(7);
        for (int run = 0; run < 50; run++) {
            int n = 1 + random.nextInt(500);
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nanos.add((long) random.nextInt(50_000_000));
            }
            List<Long> sorted = new ArrayList<>(nanos);
            sorted.sort(null);
            var figures = OnDemandBenchmark.percentiles(nanos, 1);
            for (double q : new double[] {0.50, 0.95, 0.99}) {
                int k = (int) Math.ceil(q * n);
                assertThat(figures.get("p" + Math.round(q * 100) + "Ms")).isEqualTo(sorted.get(k - 1) / 1e6);
            }
            assertThat(figures.get("requests")).isEqualTo(n);
        }
    }
}
