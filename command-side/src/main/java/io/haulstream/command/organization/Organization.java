package io.haulstream.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.OrganizationRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
class Organization {

    static final int MAX_NAME_LENGTH = 200;

    @AggregateIdentifier
    private String organizationId;

    Organization() {}

    @CommandHandler
    Organization(RegisterOrganization command) {
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty()) {
            throw new RuleViolation("name", "must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new RuleViolation("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        apply(new OrganizationRegistered(command.organizationId(), name, command.registeredAt()));
    }

    @EventSourcingHandler
    void on(OrganizationRegistered event) {
        organizationId = event.organizationId();
    }
}
