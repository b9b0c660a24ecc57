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

    /** @return the organization of the route, if it is created and not deleted */
    Optional<String> organizationOfRoute(String routeId);

    /**
     * @return the routes, not deleted, that have the bin as a stop, in id order; no assignment of
     *     the bin commits after this answer until the asking command's transaction ends
     */
    List<String> routesWithStop(String binId);
}
