package io.haulstream.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The test truth itself, held to values published independently of this code and of PostGIS. */
class GeodesyTest {

    /**
     * A quarter meridian and a degree of the equator are the radius times pi/2 and pi/180, and the
     * radius is the WGS 84 mean radius, 6,371,008.7714 m (Moritz, Geodetic Reference System 1980).
     */
    @Test
    void sphereDistanceIsTheMeanRadiusTimesTheAngle() {
        assertThat(Geodesy.sphereMetres(new Geodesy.Point(0, 0), new Geodesy.Point(0, 90)))
                .isCloseTo(10_007_557.18, within(0.01));
        assertThat(Geodesy.sphereMetres(new Geodesy.Point(13, 0), new Geodesy.Point(14, 0)))
                .isCloseTo(111_195.080, within(0.001));
        assertThat(Geodesy.sphereMetres(new Geodesy.Point(13.4, 52.5), new Geodesy.Point(13.4, 52.5)))
                .isZero();
    }

    @Test
    void aPointOnTheLineIsAtNoDistanceAndHalfWayAlongIt() {
        List<Geodesy.Point> line = List.of(new Geodesy.Point(13.0, 52.0), new Geodesy.Point(13.2, 52.0));
        Geodesy.Point middle = new Geodesy.Point(13.1, 52.0);

        assertThat(Geodesy.metresToLine(new Geodesy.Point(13.0, 52.0), line)).isCloseTo(0, within(1e-6));
        assertThat(Geodesy.fractionAlong(middle, line)).isCloseTo(0.5, within(1e-12));
        // The great circle between two points of one latitude bulges north of it: by about 5 m here.
        assertThat(Geodesy.metresToLine(middle, line)).isBetween(3.0, 7.0);
    }

    /** A street driven out and back passes its far end once but its start twice: both count. */
    @Test
    void aLineThatPassesASpotTwiceIsNearestToItInTwoPlaces() {
        Geodesy.Point start = new Geodesy.Point(13.0, 52.0);
        List<Geodesy.Point> outAndBack = List.of(start, new Geodesy.Point(13.2, 52.0), start);

        assertThat(Geodesy.fractionsAlong(start, outAndBack)).containsExactly(0.0, 1.0);
        assertThat(Geodesy.fractionsAlong(new Geodesy.Point(13.2, 52.1), outAndBack))
                .hasSize(2)
                .allSatisfy(fraction -> assertThat(fraction).isCloseTo(0.5, within(1e-12)));
        assertThat(Geodesy.fractionsAlong(new Geodesy.Point(13.1, 52.0), List.of(start, new Geodesy.Point(13.2, 52.0))))
                .containsExactly(0.5);
    }

    @Test
    void aLineMeetsABoxItCrossesOrEndsInButNotOneBeside() {
        List<Geodesy.Point> line = List.of(new Geodesy.Point(0, 0), new Geodesy.Point(10, 10));

        assertThat(Geodesy.crosses(line, 4, 4, 6, 6)).isTrue();
        assertThat(Geodesy.crosses(line, 9, 9, 20, 20)).isTrue();
        assertThat(Geodesy.crosses(line, 6, 0, 10, 4)).isFalse();
    }
}
