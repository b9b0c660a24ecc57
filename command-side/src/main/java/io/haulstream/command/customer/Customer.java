package io.haulstream.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.haulstream.command.domain.Directory;
import io.haulstream.command.domain.Locations;
import io.haulstream.command.domain.Names;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.CustomerClosed;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.CustomerUpdated;
import io.haulstream.events.GeoPoint;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate(cache = "aggregateCache")
class Customer {

    @AggregateIdentifier
    private String customerId;

    private String organizationId;
    private boolean closed;

    Customer() {}

    @CommandHandler
    Customer(RegisterCustomer command, Directory directory) {
        String name = Names.require("name", command.name());
        String address = Names.require("serviceAddress", command.serviceAddress());
        Locations.requireValid("location", command.location());
        if (!directory.isActiveOrganization(command.organizationId())) {
            throw new RuleViolation(
                    "organizationId", "no active organization is registered with id " + command.organizationId());
        }
        apply(new CustomerRegistered(
                command.customerId(),
                command.organizationId(),
                name,
                address,
                command.location(),
                command.registeredAt()));
    }

    @CommandHandler
    void handle(UpdateCustomer command) {
        requireOpenIn(command.organizationId());
        String name = Names.require("name", command.name());
        String address = Names.require("serviceAddress", command.serviceAddress());
        GeoPoint location = command.location();
        Locations.requireValid("location", location);
        apply(new CustomerUpdated(customerId, organizationId, name, address, location, command.updatedAt()));
    }

    @CommandHandler
    void handle(CloseCustomer command) {
        requireOpenIn(command.organizationId());
        apply(new CustomerClosed(customerId, organizationId, command.closedAt()));
    }

    private void requireOpenIn(String claimedOrganization) {
        NotInOrganization.check("customer", customerId, organizationId, claimedOrganization);
        if (closed) {
            throw new RuleViolation("customerId", "the customer is closed");
        }
    }

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        customerId = event.customerId();
        organizationId = event.organizationId();
    }

    @EventSourcingHandler
    void on(CustomerClosed event) {
        closed = true;
    }
}
