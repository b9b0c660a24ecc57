package io.haulstream.command.api;

import io.haulstream.command.domain.InputLimits;
import io.haulstream.command.route.AssignBinToRoute;
import io.haulstream.command.route.ChangeRouteGeometry;
import io.haulstream.command.route.ChangeRouteStatus;
import io.haulstream.command.route.CreateRoute;
import io.haulstream.command.route.DeleteRoute;
import io.haulstream.command.route.UnassignBinFromRoute;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DayOfWeek;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/routes")
class RouteController {

    private final CommandReplies replies;
    private final CommandGateway commands;
    private final Clock clock;

    RouteController(CommandReplies replies, CommandGateway commands, Clock clock) {
        this.replies = replies;
        this.commands = commands;
        this.clock = clock;
    }

    record CreateRouteRequest(
            @NotBlank @Text(max = InputLimits.NAME) String name,
            @NotNull RouteType type,
            @NotNull DayOfWeek serviceDay,
            @NotBlank @Text(max = InputLimits.NAME) String territory,
            @NotNull @Size(min = 2, max = InputLimits.PATH_POINTS) List<@NotNull @Valid GeoPointRequest> path) {}

    record GeometryRequest(
            @NotNull @Size(min = 2, max = InputLimits.PATH_POINTS) List<@NotNull @Valid GeoPointRequest> path) {}

    record StatusRequest(@NotNull RouteStatus status) {}

    record StopRequest(@Min(0) Integer stopIndex) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<CommandAccepted> create(
            @PathVariable String organizationId, @Valid @RequestBody CreateRouteRequest request) {
        String routeId = UUID.randomUUID().toString();
        Object outcome = commands.sendAndWait(new CreateRoute(
                routeId,
                organizationId,
                request.name(),
                request.type(),
                request.serviceDay(),
                request.territory(),
                path(request.path()),
                clock.instant()));
        return replies.created("/api/v1/organizations/" + organizationId + "/routes/" + routeId, routeId, outcome);
    }

    @PutMapping("/{routeId}/geometry")
    ResponseEntity<CommandAccepted> changeGeometry(
            @PathVariable String organizationId,
            @PathVariable String routeId,
            @Valid @RequestBody GeometryRequest request) {
        Object outcome = commands.sendAndWait(
                new ChangeRouteGeometry(routeId, organizationId, path(request.path()), clock.instant()));
        return replies.accepted(routeId, outcome);
    }

    @PutMapping("/{routeId}/status")
    ResponseEntity<CommandAccepted> changeStatus(
            @PathVariable String organizationId,
            @PathVariable String routeId,
            @Valid @RequestBody StatusRequest request) {
        Object outcome = commands.sendAndWait(
                new ChangeRouteStatus(routeId, organizationId, request.status(), false, null, null, clock.instant()));
        return replies.accepted(routeId, outcome);
    }

    @PutMapping("/{routeId}/stops/{binId}")
    ResponseEntity<CommandAccepted> assignStop(
            @PathVariable String organizationId,
            @PathVariable String routeId,
            @PathVariable String binId,
            @Valid @RequestBody(required = false) StopRequest request) {
        Integer stopIndex = request == null ? null : request.stopIndex();
        Object outcome =
                commands.sendAndWait(new AssignBinToRoute(routeId, organizationId, binId, stopIndex, clock.instant()));
        return replies.accepted(routeId, outcome);
    }

    @DeleteMapping("/{routeId}/stops/{binId}")
    ResponseEntity<CommandAccepted> unassignStop(
            @PathVariable String organizationId, @PathVariable String routeId, @PathVariable String binId) {
        Object outcome =
                commands.sendAndWait(new UnassignBinFromRoute(routeId, organizationId, binId, clock.instant()));
        return replies.accepted(routeId, outcome);
    }

    @DeleteMapping("/{routeId}")
    ResponseEntity<CommandAccepted> delete(@PathVariable String organizationId, @PathVariable String routeId) {
        Object outcome = commands.sendAndWait(new DeleteRoute(routeId, organizationId, clock.instant()));
        return replies.accepted(routeId, outcome);
    }

    private static List<GeoPoint> path(List<GeoPointRequest> points) {
        return points.stream().map(GeoPointRequest::toGeoPoint).toList();
    }
}
