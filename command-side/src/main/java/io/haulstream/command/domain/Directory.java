package io.haulstream.command.domain;

import java.util.List;
import java.util.Optional;

/**
 * Set-based questions one aggregate cannot answer about others. Answered by command-side lookup
 * tables written in the same transaction as the events, never by the eventually consistent
 * query side.
 */
public interface Directory {

    boolean isActiveOrganization(String organizationId);

    /** @return the organization of the customer, if it is registered and not closed */
    Optional<String> organizationOfOpenCustomer(String customerId);

    /**
     * @return the organization of the bin, if it is placed and not removed; the bin cannot be
     *     removed until the asking command's transaction ends
     */
    Optional<String> organizationOfPlacedBin(String binId);

    boolean isTagTaken(String organizationId, String tag);

    /**
     * The refusal of a tag already in use, whether the check above saw it or two placements raced
     * past the check and the lookup table's unique index stopped the later one: a client gets the
     * same answer either way.
     */
    static RuleViolation tagTaken() {
        return new RuleViolation("tag", "is already used by another bin of this organization");
    }

    /** @return whether an active territory of the organization has this name, ignoring case */
    boolean isTerritoryNameTaken(String organizationId, String name);

    /** The refusal of a territory name in use, whether the check saw it or the lookup's unique index did. */
    static RuleViolation territoryNameTaken(String name) {
        return new RuleViolation("name", "another territory of the organization is named " + name);
    }

    /** @return the organization of the route, if it is created and not deleted */
    Optional<String> organizationOfRoute(String routeId);

    /**
     * @return the routes, not deleted, that have the bin as a stop, in id order; no assignment of
     *     the bin commits after this answer until the asking command's transaction ends
     */
    List<String> routesWithStop(String binId);

    /**
     * Claims a fleet system's record id for the asking command, whichever way the record came
     * (the fleet topic or the command API). The claim is written in the command's transaction, so
     * it is kept exactly when the command's events are; a concurrent claim of the same id waits for
     * that transaction and then sees the id taken.
     *
     * @param fleetSystem the fleet system that sent the record: ids are its own, so two systems' ids never collide
     * @param recordType the kind of fleet record, as its class in the events module names it
     * @param aggregateId the bin or route the record concerns
     * @return true the first time, false for an id already applied (the command must change nothing)
     */
    boolean claimFleetRecord(String fleetSystem, String recordId, String recordType, String aggregateId);

    /** @return whether an operator bound the fleet system to the organization, so it may touch its bins and routes */
    boolean isFleetSystemBound(String fleetSystem, String organizationId);
}
