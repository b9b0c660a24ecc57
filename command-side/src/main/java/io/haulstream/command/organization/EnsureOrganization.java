package io.haulstream.command.organization;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register the organization under this id unless it already is, under this name. Lets one file of
 * fixed ids name the same organizations to the demo city, the development issuer's users and the
 * Keycloak realm.
 */
public record EnsureOrganization(@TargetAggregateIdentifier String organizationId, String name, Instant registeredAt) {}
