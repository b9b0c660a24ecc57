package io.haulstream.command.domain;

import org.axonframework.common.AxonNonTransientException;

/** A chosen id is already used by something else than the command asked for: a conflict (409). */
public class IdTaken extends AxonNonTransientException {

    private final String field;

    public IdTaken(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
