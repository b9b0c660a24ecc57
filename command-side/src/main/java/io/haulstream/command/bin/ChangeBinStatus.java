package io.haulstream.command.bin;

import io.haulstream.events.BinStatus;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeBinStatus(
        @TargetAggregateIdentifier String binId, String organizationId, BinStatus status, Instant changedAt) {}
