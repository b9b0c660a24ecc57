package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record OrganizationDeactivated(String organizationId, Instant deactivatedAt) implements OrganizationEvent {}
