package io.haulstream.events;

public enum RouteStatus {
    PLANNED,
    ACTIVE,
    IN_PROGRESS,
    COMPLETED,
    SUSPENDED
}
