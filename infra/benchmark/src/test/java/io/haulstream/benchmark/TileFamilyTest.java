package io.haulstream.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TileFamilyTest {

    /** Known tiles: Berlin's Alexanderplatz at zoom 12 and 16, the world at zoom 0 (OSM's numbering). */
    @Test
    void numbersTilesAsWebMapsDo() {
        assertThat(TileFamily.tileOf(13.4132, 52.5219, 12)).containsExactly(2200, 1343);
        assertThat(TileFamily.tileOf(13.4132, 52.5219, 16)).containsExactly(35209, 21492);
        assertThat(TileFamily.tileOf(-179.9, 85, 0)).containsExactly(0, 0);
        assertThat(TileFamily.tileOf(179.99, -85.05, 2)).containsExactly(3, 3);
    }

    @Test
    void asksForTheOrganizationsTileOfTheLayer() {
        assertThat(TileFamily.path("org-1", "bins", 13.4132, 52.5219, 14))
                .isEqualTo("/api/v1/organizations/org-1/tiles/bins/14/8802/5373.mvt");
    }

    @Test
    void reportsTileSizesByRank() {
        Map<String, Double> sizes = TileFamily.sizes(List.of(300L, 100L, 200L, 10_000L));

        assertThat(sizes)
                .containsEntry("p50", 200.0)
                .containsEntry("max", 10_000.0)
                .containsEntry("p99", 10_000.0);
        assertThat(sizes.get("mean")).isEqualTo(2650.0);
        assertThat(TileFamily.sizes(List.of())).isEmpty();
    }

    @Test
    void theReportShowsTheTilesP99AtTheServerAndTheirSize() {
        Latency.Summary server = new Latency.Summary("server", 6000, 0, 200, 1.1, 4.0, 12.5, 20, 30, null);
        Latency.Summary latency =
                new Latency.Summary("tiles", 6000, 0, 200, 2.0, 6.0, 18.0, 25, 40, null).withServer(server);

        String markdown = Report.tiles(new TileFamily.Figures(
                "GET /t",
                latency,
                Map.of("p50", 1200.0, "p99", 48_000.0, "max", 61_000.0, "mean", 3000.0),
                0.75,
                3,
                1));

        assertThat(markdown).contains("## Map tiles", "12.50 ms", "48,000 B", "61,000 B", "0.750", "zoom 12 to 16");
    }
}
