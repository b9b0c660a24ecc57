package io.haulstream.command.territory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.haulstream.command.domain.Boundaries;
import io.haulstream.command.domain.Directory;
import io.haulstream.command.domain.Names;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.TerritoryCreated;
import io.haulstream.events.TerritoryReshaped;
import io.haulstream.events.TerritoryRetired;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A territory: which organization draws it and whether it is still served. Its boundary is kept
 * only to refuse a reshape that changes nothing; which bins and routes lie in it is the query
 * side's to derive.
 */
@Aggregate(cache = "aggregateCache")
class Territory {

    @AggregateIdentifier
    private String territoryId;

    private String organizationId;
    private List<GeoPoint> boundary;

    Territory() {}

    @CommandHandler
    Territory(CreateTerritory command, Directory directory, TerritoryProperties limits) {
        String name = Names.require("name", command.name());
        Boundaries.requireValid("boundary", command.boundary(), limits.maxVertices());
        if (!directory.isActiveOrganization(command.organizationId())) {
            throw new RuleViolation(
                    "organizationId", "no active organization is registered with id " + command.organizationId());
        }
        if (directory.isTerritoryNameTaken(command.organizationId(), name)) {
            throw Directory.territoryNameTaken(name);
        }
        apply(new TerritoryCreated(
                command.territoryId(),
                command.organizationId(),
                name,
                List.copyOf(command.boundary()),
                command.createdAt()));
    }

    @CommandHandler
    void handle(ReshapeTerritory command, TerritoryProperties limits) {
        NotInOrganization.check("territory", territoryId, organizationId, command.organizationId());
        Boundaries.requireValid("boundary", command.boundary(), limits.maxVertices());
        if (command.boundary().equals(boundary)) {
            throw new RuleViolation("boundary", "is already the territory's boundary");
        }
        apply(new TerritoryReshaped(
                territoryId, organizationId, List.copyOf(command.boundary()), command.reshapedAt()));
    }

    @CommandHandler
    void handle(RetireTerritory command) {
        NotInOrganization.check("territory", territoryId, organizationId, command.organizationId());
        apply(new TerritoryRetired(territoryId, organizationId, command.retiredAt()));
    }

    @EventSourcingHandler
    void on(TerritoryCreated event) {
        territoryId = event.territoryId();
        organizationId = event.organizationId();
        boundary = event.boundary();
    }

    @EventSourcingHandler
    void on(TerritoryReshaped event) {
        boundary = event.boundary();
    }

    /** A retired territory is gone for commands: they answer 404 like a territory that never was. */
    @EventSourcingHandler
    void on(TerritoryRetired event) {
        markDeleted();
    }
}
