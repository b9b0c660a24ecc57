package io.haulstream.query.access;

import java.util.Arrays;
import java.util.Optional;

/** The roles a token's {@value Caller#ROLES_CLAIM} claim names; what each may do is {@link AccessRules}. */
public enum Role {
    /** Reads the organizations and the statistics of all of them. */
    PLATFORM_ADMIN("platform-admin"),
    /** Reads everything of their organizations. */
    ORG_ADMIN("org-admin"),
    /** Reads everything of their organizations. */
    DISPATCHER("dispatcher"),
    /** Writes only (on the command side): reads nothing here. */
    FLEET_SYSTEM("fleet-system"),
    /** The monitoring on the management port, and the actuator beyond health and metrics. */
    OPERATOR("operator"),
    /** Reads everything of their organizations, like a dispatcher, and writes nothing anywhere. */
    ANALYST("analyst");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    /** Unknown names are ignored: an issuer may hold roles of other applications. */
    static Optional<Role> named(String value) {
        return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
    }
}
