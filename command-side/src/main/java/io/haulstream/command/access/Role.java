package io.haulstream.command.access;

import java.util.Arrays;
import java.util.Optional;

/** The roles a token's {@value Caller#ROLES_CLAIM} claim names; what each may do is {@link AccessRules}. */
public enum Role {
    /** Registers, renames and deactivates organizations. */
    PLATFORM_ADMIN("platform-admin"),
    /** Customers, routes, territories and bins of their organizations. */
    ORG_ADMIN("org-admin"),
    /** Bin and route commands of their organizations. */
    DISPATCHER("dispatcher"),
    /** Services, fill levels and route starts and ends of the organizations it is bound to. */
    FLEET_SYSTEM("fleet-system"),
    /** Dead letters and the actuator beyond health and metrics, on the management port. */
    OPERATOR("operator"),
    /** Reads only: no command at all. */
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
