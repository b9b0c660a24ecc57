package io.haulstream.command.bin;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveBin(@TargetAggregateIdentifier String binId, String organizationId, Instant removedAt) {}
