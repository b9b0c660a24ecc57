package io.haulstream.command.api;

import io.haulstream.command.domain.InputLimits;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.command.organization.DeactivateOrganization;
import io.haulstream.command.organization.EnsureOrganization;
import io.haulstream.command.organization.RegisterOrganization;
import io.haulstream.command.organization.RenameOrganization;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
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

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    record NameRequest(@NotBlank @Text(max = InputLimits.NAME) String name) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<CommandAccepted> register(@Valid @RequestBody NameRequest request) {
        String organizationId = UUID.randomUUID().toString();
        Object outcome =
                commands.sendAndWait(new RegisterOrganization(organizationId, request.name(), clock.instant()));
        return replies.created("/api/v1/organizations/" + organizationId, organizationId, outcome);
    }

    /**
     * Registers the organization under a chosen id (a UUID), or changes nothing when it is already
     * registered under this name; another name answers 409.
     */
    @PutMapping("/{organizationId}")
    ResponseEntity<CommandAccepted> ensure(
            @PathVariable String organizationId, @Valid @RequestBody NameRequest request) {
        if (!UUID_FORM.matcher(organizationId).matches()) {
            throw new RuleViolation("organizationId", "must be a UUID");
        }
        Object outcome = commands.sendAndWait(new EnsureOrganization(organizationId, request.name(), clock.instant()));
        return replies.accepted(organizationId, outcome);
    }

    @PutMapping("/{organizationId}/name")
    ResponseEntity<CommandAccepted> rename(
            @PathVariable String organizationId, @Valid @RequestBody NameRequest request) {
        Object outcome = commands.sendAndWait(new RenameOrganization(organizationId, request.name(), clock.instant()));
        return replies.accepted(organizationId, outcome);
    }

    @PostMapping("/{organizationId}/deactivation")
    ResponseEntity<CommandAccepted> deactivate(@PathVariable String organizationId) {
        Object outcome = commands.sendAndWait(new DeactivateOrganization(organizationId, clock.instant()));
        return replies.accepted(organizationId, outcome);
    }
}
