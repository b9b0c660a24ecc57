package io.haulstream.command.api;

import io.haulstream.command.bin.ChangeBinStatus;
import io.haulstream.command.bin.MoveBin;
import io.haulstream.command.bin.PlaceBin;
import io.haulstream.command.bin.RemoveBin;
import io.haulstream.command.bin.ReportFillLevel;
import io.haulstream.command.bin.ServiceBin;
import io.haulstream.command.domain.InputLimits;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.BinStatus;
import io.haulstream.events.ContainerType;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.WasteStream;
import io.haulstream.events.fleet.FleetRecord;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
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
@RequestMapping("/api/v1/organizations/{organizationId}/bins")
class BinController {

    private final CommandReplies replies;
    private final CommandGateway commands;
    private final Clock clock;

    BinController(CommandReplies replies, CommandGateway commands, Clock clock) {
        this.replies = replies;
        this.commands = commands;
        this.clock = clock;
    }

    record PlaceBinRequest(
            @NotBlank @Text(max = InputLimits.ID) String customerId,
            @NotBlank @Text(max = InputLimits.TAG) String tag,
            @NotNull ContainerType containerType,
            @NotNull WasteStream wasteStream,
            @NotNull @Min(1) @Max(60_000) Integer capacityLitres,
            @NotNull @Valid GeoPointRequest location) {}

    record StatusRequest(@NotNull BinStatus status) {}

    record FillLevelRequest(@NotNull @Min(0) @Max(100) Integer fillPercent) {}

    record ServiceRequest(
            @Text(max = InputLimits.ID) String routeId,
            @NotNull ServiceOutcome outcome,
            @DecimalMin("0") @DecimalMax("40000") Double weightKg,
            @Pattern(regexp = FleetRecord.FLEET_SYSTEM_REGEX) String fleetSystem,
            @Text(max = InputLimits.FLEET_RECORD_ID) String fleetRecordId,
            @Text(max = InputLimits.VEHICLE_ID) String vehicleId) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<CommandAccepted> place(
            @PathVariable String organizationId, @Valid @RequestBody PlaceBinRequest request) {
        String binId = UUID.randomUUID().toString();
        Object outcome = commands.sendAndWait(new PlaceBin(
                binId,
                organizationId,
                request.customerId(),
                request.tag(),
                request.containerType(),
                request.wasteStream(),
                request.capacityLitres(),
                request.location().toGeoPoint(),
                clock.instant()));
        return replies.created("/api/v1/organizations/" + organizationId + "/bins/" + binId, binId, outcome);
    }

    @PutMapping("/{binId}/location")
    ResponseEntity<CommandAccepted> move(
            @PathVariable String organizationId,
            @PathVariable String binId,
            @Valid @RequestBody GeoPointRequest location) {
        Object outcome =
                commands.sendAndWait(new MoveBin(binId, organizationId, location.toGeoPoint(), clock.instant()));
        return replies.accepted(binId, outcome);
    }

    @PutMapping("/{binId}/status")
    ResponseEntity<CommandAccepted> changeStatus(
            @PathVariable String organizationId,
            @PathVariable String binId,
            @Valid @RequestBody StatusRequest request) {
        Object outcome =
                commands.sendAndWait(new ChangeBinStatus(binId, organizationId, request.status(), clock.instant()));
        return replies.accepted(binId, outcome);
    }

    @PostMapping("/{binId}/fill-levels")
    ResponseEntity<CommandAccepted> reportFillLevel(
            @PathVariable String organizationId,
            @PathVariable String binId,
            @Valid @RequestBody FillLevelRequest request) {
        Object outcome = commands.sendAndWait(
                new ReportFillLevel(binId, organizationId, request.fillPercent(), null, null, clock.instant()));
        return replies.accepted(binId, outcome);
    }

    @PostMapping("/{binId}/services")
    ResponseEntity<CommandAccepted> service(
            @PathVariable String organizationId,
            @PathVariable String binId,
            @Valid @RequestBody ServiceRequest request) {
        String fleetSystem = ReportingFleetSystem.of(request.fleetSystem());
        // A fleet record id is the fleet system's own: without the system it names no record.
        if (request.fleetRecordId() != null && fleetSystem == null) {
            throw new RuleViolation(ReportingFleetSystem.FIELD, "is required with a fleetRecordId");
        }
        Object outcome = commands.sendAndWait(new ServiceBin(
                binId,
                organizationId,
                request.routeId(),
                request.outcome(),
                request.weightKg(),
                fleetSystem,
                request.fleetRecordId(),
                request.vehicleId(),
                clock.instant()));
        return replies.accepted(binId, outcome);
    }

    @DeleteMapping("/{binId}")
    ResponseEntity<CommandAccepted> remove(@PathVariable String organizationId, @PathVariable String binId) {
        Object outcome = commands.sendAndWait(new RemoveBin(binId, organizationId, clock.instant()));
        return replies.accepted(binId, outcome);
    }
}
