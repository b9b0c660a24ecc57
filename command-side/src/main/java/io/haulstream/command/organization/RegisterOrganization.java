package io.haulstream.command.organization;

import java.time.Instant;

public record RegisterOrganization(String organizationId, String name, Instant registeredAt) {}
