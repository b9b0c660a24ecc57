package io.haulstream.query.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.haulstream.query.cache.TileArea;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Which keys a batch's areas drop, worked out without Redis. */
class TileDropTest {

    private static final String ORG = "00000000-0000-0000-0000-00000000000a";

    /** Berlin's Alexanderplatz, well inside its tiles: z12 (2200, 1343), z16 (35208, 21492) by the slippy-map formula. */
    private static final TileArea BIN = TileArea.bins(ORG, 13.405, 52.52, 13.405, 52.52);

    private final TileCache cache =
            new TileCache(mock(RedissonClient.class), new TileProperties(16, 15, 32, 4_096), new SimpleMeterRegistry());

    @Test
    void a_bin_drops_its_tile_at_every_zoom_and_each_tiles_claim() {
        List<String> keys = cache.keysToDrop(Set.of(BIN), Set.of(ORG));

        assertThat(keys).hasSize(17 * 2);
        assertThat(keys)
                .contains(
                        "mvt:" + ORG + ":bins:-:0:0:0",
                        "mvt:" + ORG + ":bins:-:12:2200:1343",
                        "mvt:" + ORG + ":bins:-:16:35208:21492",
                        "mvt:" + ORG + ":bins:-:16:35208:21492:claim");
    }

    @Test
    void an_organization_whose_board_was_never_shown_has_nothing_to_drop() {
        assertThat(cache.keysToDrop(Set.of(BIN), Set.of("another-organization")))
                .isEmpty();
    }

    @Test
    void a_route_drops_its_days_tiles_with_the_margin_its_lines_are_drawn_in() {
        TileArea route = TileArea.routes(ORG, 13.405, 52.52, 13.405, 52.52, LocalDate.of(2026, 12, 4));

        List<String> keys = cache.keysToDrop(Set.of(route), Set.of(ORG));

        assertThat(keys).contains("mvt:" + ORG + ":routes:2026-12-04:16:35208:21492");
        assertThat(keys).allMatch(key -> key.contains(":routes:2026-12-04:"));
    }

    @Test
    void tiles_two_areas_share_are_dropped_once() {
        TileArea near = TileArea.bins(ORG, 13.4051, 52.5201, 13.4051, 52.5201);

        List<String> keys = cache.keysToDrop(Set.of(BIN, near), Set.of(ORG));

        assertThat(keys).doesNotHaveDuplicates().hasSize(17 * 2);
    }
}
