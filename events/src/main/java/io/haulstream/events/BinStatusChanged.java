package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record BinStatusChanged(String binId, String organizationId, BinStatus from, BinStatus to, Instant changedAt)
        implements BinEvent {}
