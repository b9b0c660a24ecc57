package io.haulstream.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.haulstream.command.domain.IdTaken;
import io.haulstream.command.domain.Names;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.OrganizationDeactivated;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.OrganizationRenamed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate(cache = "aggregateCache")
class Organization {

    @AggregateIdentifier
    private String organizationId;

    private String name;
    private boolean active;

    Organization() {}

    @CommandHandler
    Organization(RegisterOrganization command) {
        apply(new OrganizationRegistered(
                command.organizationId(), Names.require("name", command.name()), command.registeredAt()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EnsureOrganization command) {
        String wanted = Names.require("name", command.name());
        if (organizationId == null) {
            apply(new OrganizationRegistered(command.organizationId(), wanted, command.registeredAt()));
        } else if (!wanted.equals(name)) {
            throw new IdTaken("organizationId", "is the id of an organization with another name");
        }
    }

    @CommandHandler
    void handle(RenameOrganization command) {
        requireActive();
        String newName = Names.require("name", command.name());
        if (newName.equals(name)) {
            throw new RuleViolation("name", "is already the organization's name");
        }
        apply(new OrganizationRenamed(organizationId, newName, command.renamedAt()));
    }

    @CommandHandler
    void handle(DeactivateOrganization command) {
        requireActive();
        apply(new OrganizationDeactivated(organizationId, command.deactivatedAt()));
    }

    private void requireActive() {
        if (!active) {
            throw new RuleViolation("organizationId", "the organization is deactivated");
        }
    }

    @EventSourcingHandler
    void on(OrganizationRegistered event) {
        organizationId = event.organizationId();
        name = event.name();
        active = true;
    }

    @EventSourcingHandler
    void on(OrganizationRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(OrganizationDeactivated event) {
        active = false;
    }
}
