package io.haulstream.command.organization;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RenameOrganization(@TargetAggregateIdentifier String organizationId, String name, Instant renamedAt) {}
