package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record OrganizationRegistered(String organizationId, String name, Instant registeredAt)
        implements OrganizationEvent {}
