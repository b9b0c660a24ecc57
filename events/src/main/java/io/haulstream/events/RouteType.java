package io.haulstream.events;

public enum RouteType {
    RESIDENTIAL,
    COMMERCIAL,
    ROLL_OFF,
    RECYCLING
}
