package io.haulstream.command.lookup;

import io.haulstream.command.domain.Directory;
import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinUnassignedFromRoute;
import io.haulstream.events.CustomerClosed;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.OrganizationDeactivated;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.TerritoryCreated;
import io.haulstream.events.TerritoryRetired;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the lookup tables. Its processing group is subscribing, so it runs inside the command's
 * unit of work: a unique-tag violation rolls the command back with its events.
 */
@Component
@ProcessingGroup(LookupProjector.PROCESSING_GROUP)
class LookupProjector {

    static final String PROCESSING_GROUP = "lookups";

    private final JdbcTemplate jdbc;

    LookupProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganizationRegistered event) {
        jdbc.update(
                "insert into lookup_organizations (organization_id, active) values (?, true)", event.organizationId());
    }

    @EventHandler
    void on(OrganizationDeactivated event) {
        jdbc.update("update lookup_organizations set active = false where organization_id = ?", event.organizationId());
    }

    @EventHandler
    void on(CustomerRegistered event) {
        jdbc.update(
                "insert into lookup_customers (customer_id, organization_id, closed) values (?, ?, false)",
                event.customerId(),
                event.organizationId());
    }

    @EventHandler
    void on(CustomerClosed event) {
        jdbc.update("update lookup_customers set closed = true where customer_id = ?", event.customerId());
    }

    @EventHandler
    void on(BinPlaced event) {
        try {
            jdbc.update(
                    "insert into lookup_bins (bin_id, organization_id, tag, removed) values (?, ?, ?, false)",
                    event.binId(),
                    event.organizationId(),
                    event.tag());
        } catch (DuplicateKeyException raced) {
            // Another placement with this tag committed between this command's check and its insert.
            throw Directory.tagTaken();
        }
    }

    @EventHandler
    void on(BinRemoved event) {
        jdbc.update("update lookup_bins set removed = true where bin_id = ?", event.binId());
    }

    @EventHandler
    void on(RouteCreated event) {
        jdbc.update(
                "insert into lookup_routes (route_id, organization_id, deleted) values (?, ?, false)",
                event.routeId(),
                event.organizationId());
    }

    @EventHandler
    void on(RouteDeleted event) {
        jdbc.update("update lookup_routes set deleted = true where route_id = ?", event.routeId());
        jdbc.update("delete from lookup_route_stops where route_id = ?", event.routeId());
    }

    @EventHandler
    void on(BinAssignedToRoute event) {
        jdbc.update(
                "insert into lookup_route_stops (route_id, bin_id) values (?, ?) on conflict do nothing",
                event.routeId(),
                event.binId());
    }

    @EventHandler
    void on(BinUnassignedFromRoute event) {
        jdbc.update("delete from lookup_route_stops where route_id = ? and bin_id = ?", event.routeId(), event.binId());
    }

    @EventHandler
    void on(TerritoryCreated event) {
        try {
            jdbc.update(
                    "insert into lookup_territories (territory_id, organization_id, name, retired)"
                            + " values (?, ?, ?, false)",
                    event.territoryId(),
                    event.organizationId(),
                    event.name());
        } catch (DuplicateKeyException raced) {
            // Another territory with this name committed between this command's check and its insert.
            throw Directory.territoryNameTaken(event.name());
        }
    }

    @EventHandler
    void on(TerritoryRetired event) {
        jdbc.update("update lookup_territories set retired = true where territory_id = ?", event.territoryId());
    }
}
