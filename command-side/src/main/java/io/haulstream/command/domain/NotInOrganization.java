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

    /** Commands from fleet systems carry no organization (null) and are trusted per deployment. */
    public static void check(String what, String id, String owner, String claimed) {
        if (claimed != null && !claimed.equals(owner)) {
            throw new NotInOrganization(what, id);
        }
    }
}
