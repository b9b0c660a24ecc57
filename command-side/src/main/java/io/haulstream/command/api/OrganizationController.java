package io.haulstream.command.api;

import io.haulstream.command.organization.RegisterOrganization;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

    private final CommandReplies replies;
    private final CommandGateway commands;
    private final Clock clock;

    OrganizationController(CommandReplies replies, CommandGateway commands, Clock clock) {
        this.replies = replies;
        this.commands = commands;
        this.clock = clock;
    }

    record RegisterOrganizationRequest(@NotBlank @Size(max = 200) String name) {}

    @PostMapping
    ResponseEntity<CommandAccepted> register(@Valid @RequestBody RegisterOrganizationRequest request) {
        String organizationId = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterOrganization(organizationId, request.name(), clock.instant()));
        return replies.created("/api/v1/organizations/" + organizationId, organizationId);
    }
}
