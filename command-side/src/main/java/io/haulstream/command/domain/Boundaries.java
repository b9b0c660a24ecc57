package io.haulstream.command.domain;

import io.haulstream.events.GeoPoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * The rule for an area on the map: a closed ring that makes a valid polygon, as JTS (and PostGIS's
 * {@code ST_IsValid}, which follows the same OGC rules) judges it, with its edges straight in
 * longitude and latitude. Checked here, in the aggregate, so that the query side's projection
 * never meets a polygon PostGIS refuses.
 */
public final class Boundaries {

    /** At least a triangle: three corners and the first again to close it. */
    public static final int MIN_POINTS = 4;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private Boundaries() {}

    /** @param maxVertices the configured limit of points in a ring, the closing point included */
    public static void requireValid(String field, List<GeoPoint> ring, int maxVertices) {
        if (ring == null || ring.size() < MIN_POINTS) {
            throw new RuleViolation(field, "must have at least " + MIN_POINTS + " points (a closed ring)");
        }
        if (ring.size() > maxVertices) {
            throw new RuleViolation(field, "must have at most " + maxVertices + " points");
        }
        for (int i = 0; i < ring.size(); i++) {
            Locations.requireValid(field + "[" + i + "]", ring.get(i));
        }
        if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
            throw new RuleViolation(field, "must be closed: its last point must repeat its first");
        }
        Coordinate[] coordinates = ring.stream()
                .map(point -> new Coordinate(point.longitude(), point.latitude()))
                .toArray(Coordinate[]::new);
        Polygon polygon = GEOMETRY.createPolygon(coordinates);
        TopologyValidationError error = new IsValidOp(polygon).getValidationError();
        if (error != null) {
            throw new RuleViolation(
                    field, "is not a valid polygon: " + error.getMessage().toLowerCase() + " near " + near(error));
        }
        if (polygon.getArea() == 0) {
            throw new RuleViolation(field, "must enclose an area");
        }
    }

    private static String near(TopologyValidationError error) {
        Coordinate at = error.getCoordinate();
        return at == null ? "its ring" : "longitude " + degrees(at.x) + ", latitude " + degrees(at.y);
    }

    /** Where an edge crossing was computed, to the decimetre: the last digits are arithmetic, not input. */
    private static String degrees(double value) {
        return BigDecimal.valueOf(value)
                .setScale(6, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
