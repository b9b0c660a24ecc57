package io.haulstream.command.domain;

/** The rule every display name follows: present, trimmed, not longer than a screen can show. */
public final class Names {

    public static final int MAX_LENGTH = InputLimits.NAME;

    private Names() {}

    public static String require(String field, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new RuleViolation(field, "must not be blank");
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new RuleViolation(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!InputLimits.isPlainText(trimmed)) {
            throw new RuleViolation(field, "must not contain control characters or unpaired surrogates");
        }
        return trimmed;
    }
}
