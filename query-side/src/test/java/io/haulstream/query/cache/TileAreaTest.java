package io.haulstream.query.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TileAreaTest {

    @Test
    void an_area_comes_back_from_the_outbox_exactly_west_and_south_of_zero_included() {
        TileArea bins = TileArea.bins("org-1", -73.98765432101234, -33.5, -73.98765432101234, -33.5);
        TileArea route = TileArea.routes("org-2", 13.1, 52.3, 13.7000000001, 52.65, LocalDate.of(2026, 12, 4));

        assertThat(TileArea.ofOutboxKey(bins.outboxKey())).isEqualTo(bins);
        assertThat(TileArea.ofOutboxKey(route.outboxKey())).isEqualTo(route);
        assertThat(TileArea.isOutboxKey(bins.outboxKey())).isTrue();
        assertThat(TileArea.isOutboxKey("bin:b-1")).isFalse();
    }

    @Test
    void route_areas_and_only_they_name_a_day_and_a_box_is_not_inverted() {
        assertThatThrownBy(() -> new TileArea("o", TileKey.Layer.BINS, 0, 0, 0, 0, LocalDate.of(2026, 1, 1)))
                .hasMessageContaining("only they, name a day");
        assertThatThrownBy(() -> new TileArea("o", TileKey.Layer.ROUTES, 0, 0, 0, 0, null))
                .hasMessageContaining("only they, name a day");
        assertThatThrownBy(() -> TileArea.bins("o", 1, 0, 0, 0)).hasMessageContaining("not a box");
    }
}
