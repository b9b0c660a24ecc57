package io.haulstream.command.territory;

import io.haulstream.events.GeoPoint;
import java.time.Instant;
import java.util.List;

public record CreateTerritory(
        String territoryId, String organizationId, String name, List<GeoPoint> boundary, Instant createdAt) {}
