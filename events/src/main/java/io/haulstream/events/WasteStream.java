package io.haulstream.events;

public enum WasteStream {
    GENERAL,
    RECYCLING,
    ORGANIC,
    GLASS,
    HAZARDOUS
}
