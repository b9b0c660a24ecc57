package io.haulstream.command.organization;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeactivateOrganization(@TargetAggregateIdentifier String organizationId, Instant deactivatedAt) {}
