package io.haulstream.command.api;

import io.haulstream.command.domain.InputLimits;
import io.haulstream.command.territory.CreateTerritory;
import io.haulstream.command.territory.ReshapeTerritory;
import io.haulstream.command.territory.RetireTerritory;
import io.haulstream.events.GeoPoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's territories. The boundary's size limit is not repeated here: the aggregate
 * checks it against the configured {@code TERRITORY_MAX_VERTICES} and names the field itself.
 */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/territories")
class TerritoryController {

    private final CommandReplies replies;
    private final CommandGateway commands;
    private final Clock clock;

    TerritoryController(CommandReplies replies, CommandGateway commands, Clock clock) {
        this.replies = replies;
        this.commands = commands;
        this.clock = clock;
    }

    record CreateTerritoryRequest(
            @NotBlank @Text(max = InputLimits.NAME) String name,
            @NotNull List<@NotNull @Valid GeoPointRequest> boundary) {}

    record BoundaryRequest(@NotNull List<@NotNull @Valid GeoPointRequest> boundary) {}

    @PostMapping
    ResponseEntity<CommandAccepted> create(
            @PathVariable String organizationId, @Valid @RequestBody CreateTerritoryRequest request) {
        String territoryId = UUID.randomUUID().toString();
        Object outcome = commands.sendAndWait(new CreateTerritory(
                territoryId, organizationId, request.name(), ring(request.boundary()), clock.instant()));
        return replies.created(
                "/api/v1/organizations/" + organizationId + "/territories/" + territoryId, territoryId, outcome);
    }

    @PutMapping("/{territoryId}/boundary")
    ResponseEntity<CommandAccepted> reshape(
            @PathVariable String organizationId,
            @PathVariable String territoryId,
            @Valid @RequestBody BoundaryRequest request) {
        Object outcome = commands.sendAndWait(
                new ReshapeTerritory(territoryId, organizationId, ring(request.boundary()), clock.instant()));
        return replies.accepted(territoryId, outcome);
    }

    @DeleteMapping("/{territoryId}")
    ResponseEntity<CommandAccepted> retire(@PathVariable String organizationId, @PathVariable String territoryId) {
        Object outcome = commands.sendAndWait(new RetireTerritory(territoryId, organizationId, clock.instant()));
        return replies.accepted(territoryId, outcome);
    }

    private static List<GeoPoint> ring(List<GeoPointRequest> points) {
        return points.stream().map(GeoPointRequest::toGeoPoint).toList();
    }
}
