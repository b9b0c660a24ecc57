package io.haulstream.command.domain;

/** The rule every display name follows: present, trimmed, not longer than a screen can show. */
public final class Names {

    public static final int MAX_LENGTH = 200;

    private Names() {}

    public static String require(String field, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new RuleViolation(field, "must not be blank");
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new RuleViolation(field, "must be at most " + MAX_LENGTH + " characters");
        }
        return trimmed;
    }
}
