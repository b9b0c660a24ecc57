package io.haulstream.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parsing a Prometheus page and taking a quantile of what two scrapes counted. The expected
 * quantile is Prometheus' own: promtool computed 480 ms from the same buckets in
 * infra/monitoring/alerts-test.yml (HaulstreamQueryP95High's summary).
 */
class HistogramsTest {

    private static String page(long inFirst, long inSecond) {
        return """
                # HELP http_server_requests_seconds
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{method="POST",uri="/api/v1/organizations",le="0.1"} %d
                http_server_requests_seconds_bucket{method="POST",uri="/api/v1/organizations",le="0.5"} %d
                http_server_requests_seconds_bucket{method="POST",uri="/api/v1/organizations",le="+Inf"} %d
                http_server_requests_seconds_bucket{method="GET",uri="/api/v1/organizations/{id}",le="0.1"} 1000
                http_server_requests_seconds_bucket{method="GET",uri="/api/v1/organizations/{id}",le="+Inf"} 1000
                hikaricp_connections_max{pool="HikariPool-1",} 20.0
                hikaricp_connections_active{pool="HikariPool-1",} 18.0
                hikaricp_connections_acquire_seconds{pool="HikariPool-1",quantile="0.95",} 0.0021
                """
                .formatted(inFirst, inFirst + inSecond, inFirst + inSecond);
    }

    @Test
    void theQuantileOfWhatWasCountedBetweenTwoScrapesIsPrometheusOwn() {
        PrometheusPage before = PrometheusPage.parse(page(500, 100));
        PrometheusPage after = PrometheusPage.parse(page(500, 160));
        Double p95 = Histograms.quantile(
                0.95,
                Histograms.buckets(after, "http_server_requests_seconds_bucket", s -> s.label("method")
                        .equals("POST")),
                Histograms.buckets(before, "http_server_requests_seconds_bucket", s -> s.label("method")
                        .equals("POST")));
        assertThat(p95).isCloseTo(0.48, within(1e-9));
    }

    @Test
    void nothingCountedBetweenTwoScrapesIsNoQuantile() {
        PrometheusPage page = PrometheusPage.parse(page(500, 100));
        var buckets = Histograms.buckets(page, "http_server_requests_seconds_bucket", s -> true);
        assertThat(Histograms.quantile(0.95, buckets, buckets)).isNull();
    }

    @Test
    void poolsAreReadFromThePageWithTheirUtilization() {
        var pools = CommandSideMetrics.pools(PrometheusPage.parse(page(1, 1)));
        @SuppressWarnings("unchecked")
        var pool = (java.util.Map<String, Object>) pools.get("HikariPool-1");
        assertThat(pool.get("utilization")).isEqualTo(0.9);
        assertThat((Double) pool.get("acquireP95Ms")).isCloseTo(2.1, within(1e-9));
        assertThat(PrometheusPage.parse(page(1, 1)).named("hikaricp_connections_max", s -> true))
                .extracting(PrometheusPage.Sample::labels)
                .isEqualTo(List.of(java.util.Map.of("pool", "HikariPool-1")));
    }
}
