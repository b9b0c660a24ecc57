package io.haulstream.command.api;

import io.haulstream.command.bin.PlaceBin;
import io.haulstream.events.ContainerType;
import io.haulstream.events.WasteStream;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
            @NotBlank @Size(max = 64) String tag,
            @NotNull ContainerType containerType,
            @NotNull WasteStream wasteStream,
            @NotNull @Min(1) @Max(60_000) Integer capacityLitres,
            @NotNull @Valid GeoPointRequest location) {}

    @PostMapping
    ResponseEntity<CommandAccepted> place(
            @PathVariable String organizationId, @Valid @RequestBody PlaceBinRequest request) {
        String binId = UUID.randomUUID().toString();
        commands.sendAndWait(new PlaceBin(
                binId,
                organizationId,
                request.tag(),
                request.containerType(),
                request.wasteStream(),
                request.capacityLitres(),
                request.location().toGeoPoint(),
                clock.instant()));
        return replies.created("/api/v1/organizations/" + organizationId + "/bins/" + binId, binId);
    }
}
