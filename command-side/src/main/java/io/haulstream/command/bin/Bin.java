package io.haulstream.command.bin;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.haulstream.command.domain.Locations;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.BinPlaced;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
class Bin {

    static final int MAX_CAPACITY_LITRES = 60_000;

    @AggregateIdentifier
    private String binId;

    private String organizationId;

    Bin() {}

    @CommandHandler
    Bin(PlaceBin command, Organizations organizations) {
        if (command.tag() == null || command.tag().isBlank()) {
            throw new RuleViolation("tag", "must not be blank");
        }
        if (command.containerType() == null) {
            throw new RuleViolation("containerType", "is required");
        }
        if (command.wasteStream() == null) {
            throw new RuleViolation("wasteStream", "is required");
        }
        if (command.capacityLitres() <= 0 || command.capacityLitres() > MAX_CAPACITY_LITRES) {
            throw new RuleViolation("capacityLitres", "must be between 1 and " + MAX_CAPACITY_LITRES);
        }
        Locations.requireValid("location", command.location());
        if (!organizations.isRegistered(command.organizationId())) {
            throw new RuleViolation(
                    "organizationId", "no organization is registered with id " + command.organizationId());
        }
        apply(new BinPlaced(
                command.binId(),
                command.organizationId(),
                command.tag().strip(),
                command.containerType(),
                command.wasteStream(),
                command.capacityLitres(),
                command.location(),
                command.placedAt()));
    }

    @EventSourcingHandler
    void on(BinPlaced event) {
        binId = event.binId();
        organizationId = event.organizationId();
    }
}
