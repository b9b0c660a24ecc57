package io.haulstream.command.api;

import io.haulstream.command.customer.CloseCustomer;
import io.haulstream.command.customer.RegisterCustomer;
import io.haulstream.command.customer.UpdateCustomer;
import io.haulstream.command.domain.InputLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
@RequestMapping("/api/v1/organizations/{organizationId}/customers")
class CustomerController {

    private final CommandReplies replies;
    private final CommandGateway commands;
    private final Clock clock;

    CustomerController(CommandReplies replies, CommandGateway commands, Clock clock) {
        this.replies = replies;
        this.commands = commands;
        this.clock = clock;
    }

    record CustomerRequest(
            @NotBlank @Text(max = InputLimits.NAME) String name,
            @NotBlank @Text(max = InputLimits.NAME) String serviceAddress,
            @NotNull @Valid GeoPointRequest location) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<CommandAccepted> register(
            @PathVariable String organizationId, @Valid @RequestBody CustomerRequest request) {
        String customerId = UUID.randomUUID().toString();
        Object outcome = commands.sendAndWait(new RegisterCustomer(
                customerId,
                organizationId,
                request.name(),
                request.serviceAddress(),
                request.location().toGeoPoint(),
                clock.instant()));
        return replies.created(
                "/api/v1/organizations/" + organizationId + "/customers/" + customerId, customerId, outcome);
    }

    @PutMapping("/{customerId}")
    ResponseEntity<CommandAccepted> update(
            @PathVariable String organizationId,
            @PathVariable String customerId,
            @Valid @RequestBody CustomerRequest request) {
        Object outcome = commands.sendAndWait(new UpdateCustomer(
                customerId,
                organizationId,
                request.name(),
                request.serviceAddress(),
                request.location().toGeoPoint(),
                clock.instant()));
        return replies.accepted(customerId, outcome);
    }

    @DeleteMapping("/{customerId}")
    ResponseEntity<CommandAccepted> close(@PathVariable String organizationId, @PathVariable String customerId) {
        Object outcome = commands.sendAndWait(new CloseCustomer(customerId, organizationId, clock.instant()));
        return replies.accepted(customerId, outcome);
    }
}
