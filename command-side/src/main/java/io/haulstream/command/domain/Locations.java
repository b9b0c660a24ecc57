package io.haulstream.command.domain;

import io.haulstream.events.GeoPoint;

/** Rules for places on the map, shared by every aggregate that has one. */
public final class Locations {

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
}
