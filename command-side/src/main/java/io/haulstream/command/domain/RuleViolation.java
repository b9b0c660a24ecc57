package io.haulstream.command.domain;

/**
 * A command broke a domain rule. It names the field of the command at fault and the reason, so
 * the API can tell the client exactly what to change.
 */
public class RuleViolation extends RuntimeException {

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
