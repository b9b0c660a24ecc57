package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record OrganizationRenamed(String organizationId, String name, Instant renamedAt) implements OrganizationEvent {}
