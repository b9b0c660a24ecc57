package io.haulstream.command.domain;

import io.haulstream.events.GeoPoint;
import java.util.List;

/** Rules for places and paths on the map, shared by every aggregate that has one. */
public final class Locations {

    public static final int MAX_PATH_POINTS = 10_000;

    private Locations() {}

    public static void requireValid(String field, GeoPoint point) {
        if (point == null) {
            throw new RuleViolation(field, "is required");
        }
        if (!Double.isFinite(point.latitude()) || point.latitude() < -90 || point.latitude() > 90) {
            throw new RuleViolation(field + ".latitude", "must be between -90 and 90, was " + point.latitude());
        }
        if (!Double.isFinite(point.longitude()) || point.longitude() < -180 || point.longitude() > 180) {
            throw new RuleViolation(field + ".longitude", "must be between -180 and 180, was " + point.longitude());
        }
    }

    /** A LineString PostGIS accepts: at least two points, every one valid, not all the same place. */
    public static void requireValidPath(String field, List<GeoPoint> path) {
        if (path == null || path.size() < 2) {
            throw new RuleViolation(field, "must have at least 2 points");
        }
        if (path.size() > MAX_PATH_POINTS) {
            throw new RuleViolation(field, "must have at most " + MAX_PATH_POINTS + " points");
        }
        for (int i = 0; i < path.size(); i++) {
            requireValid(field + "[" + i + "]", path.get(i));
        }
        if (path.stream().distinct().count() < 2) {
            throw new RuleViolation(field, "must not have zero length (all points are the same)");
        }
    }
}
