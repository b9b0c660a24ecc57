package io.haulstream.command.domain;

import org.axonframework.common.AxonNonTransientException;

/**
 * A command broke a domain rule. It names the field of the command at fault and the reason, so
 * the API can tell the client exactly what to change. Non-transient: retrying cannot help.
 */
public class RuleViolation extends AxonNonTransientException {

    private final String field;
    private final String reason;

    public RuleViolation(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
