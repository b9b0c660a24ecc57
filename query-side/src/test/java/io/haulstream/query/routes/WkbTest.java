package io.haulstream.query.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.events.GeoPoint;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The path read back from WKB is the path the projector wrote, to the last bit of every double. */
class WkbTest {

    @Test
    void readsBackTheProjectorsLineStringExactly() {
        List<GeoPoint> path = List.of(new GeoPoint(13.404954, 52.520008), new GeoPoint(1.0e-5, -89.99999999));
        // The projector's extended WKB carries an SRID; ST_AsBinary leaves it out, so drop its flag and 4 bytes.
        byte[] extended = HexFormat.of().parseHex(RoutesProjector.lineString(path));
        byte[] plain = new byte[extended.length - 4];
        plain[0] = extended[0];
        plain[1] = 2;
        System.arraycopy(extended, 9, plain, 5, extended.length - 9);

        assertThat(Wkb.lineString(plain))
                .containsExactly(
                        new RouteView.Location(52.520008, 13.404954), new RouteView.Location(-89.99999999, 1.0e-5));
    }
}
