package io.haulstream.events;

public enum BinStatus {
    ACTIVE,
    INACTIVE,
    MAINTENANCE,
    RETIRED
}
