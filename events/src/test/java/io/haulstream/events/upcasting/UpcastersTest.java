package io.haulstream.events.upcasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinServiced;
import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.WasteStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upcasting the frozen JSON of revisions that were really published. */
class UpcastersTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @Test
    void readsABinPlacedOfRevisionOneAsTheCurrentRevisionWithoutACustomer() throws IOException {
        Map<String, Object> v1 = fixture("/snapshots/BinPlaced.v1.json");

        Map<String, Object> current =
                Upcasters.upcast("BinPlaced", "1", HaulstreamEvent.revisionOf(BinPlaced.class), v1);

        assertThat(JSON.convertValue(current, BinPlaced.class))
                .isEqualTo(new BinPlaced(
                        "bin-1",
                        "org-1",
                        null,
                        "NS-000123",
                        ContainerType.CART,
                        WasteStream.RECYCLING,
                        240,
                        new GeoPoint(13.404954, 52.520008),
                        Instant.parse("2026-11-24T07:15:00Z")));
    }

    @Test
    void readsABinServicedOfRevisionOneAsTheCurrentRevisionWithoutAVehicle() throws IOException {
        Map<String, Object> v1 = fixture("/snapshots/BinServiced.v1.json");

        Map<String, Object> current =
                Upcasters.upcast("BinServiced", "1", HaulstreamEvent.revisionOf(BinServiced.class), v1);

        assertThat(JSON.convertValue(current, BinServiced.class))
                .isEqualTo(new BinServiced(
                        "bin-1",
                        "org-1",
                        "route-1",
                        ServiceOutcome.EMPTIED,
                        14.5,
                        "truck-3:991",
                        null,
                        Instant.parse("2026-11-24T07:15:00Z")));
    }

    @Test
    void leavesTheCurrentRevisionAlone() throws IOException {
        Map<String, Object> v2 = fixture("/snapshots/BinPlaced.v2.json");

        assertThat(Upcasters.upcast("BinPlaced", "2", "2", v2)).isEqualTo(v2);
    }

    @Test
    void refusesARevisionItHasNoWayFrom() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Upcasters.upcast("BinPlaced", "0", "2", Map.of()))
                .withMessageContaining("from revision 0");
    }

    private static Map<String, Object> fixture(String path) throws IOException {
        try (InputStream in = UpcastersTest.class.getResourceAsStream(path)) {
            return JSON.readValue(in, new TypeReference<>() {});
        }
    }
}
