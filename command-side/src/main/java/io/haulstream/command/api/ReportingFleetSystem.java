package io.haulstream.command.api;

import io.haulstream.command.access.Caller;
import io.haulstream.command.access.Role;
import io.haulstream.command.domain.RuleViolation;
import java.util.Set;

/**
 * The fleet system a report over HTTP comes from. A caller in the fleet-system role is one: its
 * token's client is the fleet system, whatever the body says, so the fleet system's bindings are
 * checked against who actually called (a client bound to none of the bin's organizations gets the
 * 404 of a missing bin) and its record ids are claimed under its own name. Other callers (a
 * dispatcher typing in a truck's report) name the fleet system in the body, as before.
 */
final class ReportingFleetSystem {

    static final String FIELD = "fleetSystem";

    private ReportingFleetSystem() {}

    /**
     * @param named the body's {@value #FIELD}, null when left out
     * @throws RuleViolation when a fleet system's caller names another fleet system than its client
     */
    static String of(String named) {
        return Caller.current()
                .filter(caller -> caller.holdsAny(Set.of(Role.FLEET_SYSTEM)))
                .map(Caller::clientId)
                .map(client -> {
                    if (named != null && !named.equals(client)) {
                        throw new RuleViolation(
                                FIELD,
                                "must be the fleet system of the caller's token (its client, " + client
                                        + ") or left out");
                    }
                    return client;
                })
                .orElse(named);
    }
}
