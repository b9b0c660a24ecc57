package io.haulstream.command.domain;

import org.axonframework.common.AxonNonTransientException;

/**
 * The aggregate exists but belongs to another organization. Reported like a missing one, so a
 * tenant cannot learn what other tenants have.
 */
public class NotInOrganization extends AxonNonTransientException {

    public NotInOrganization(String what, String id) {
        super("no " + what + " " + id + " in this organization");
    }

    private NotInOrganization(String what, String id, String fleetSystem) {
        super("no " + what + " " + id + " among the organizations of fleet system " + fleetSystem);
    }

    /**
     * Commands from fleet systems carry no organization (null): their fleet system's bindings say
     * which organizations they may touch, see {@link #checkFleetSystem}.
     */
    public static void check(String what, String id, String owner, String claimed) {
        if (claimed != null && !claimed.equals(owner)) {
            throw new NotInOrganization(what, id);
        }
    }

    /**
     * A fleet system touches only the aggregates of the organizations it is bound to, whichever
     * way its record came. Checked before anything else about the aggregate, so a refusal tells
     * nothing about another tenant's bin or route.
     */
    public static void checkFleetSystem(Directory directory, String fleetSystem, String what, String id, String owner) {
        if (fleetSystem != null && !directory.isFleetSystemBound(fleetSystem, owner)) {
            throw new NotInOrganization(what, id, fleetSystem);
        }
    }
}
