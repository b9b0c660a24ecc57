package io.haulstream.command.domain;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.haulstream.events.fleet.FleetRecord;

/**
 * How long and of which characters every text a client sends may be, over HTTP or the fleet topic.
 * The request records' constraints, the fleet record parser, the OpenAPI document and the tests all
 * read these, so a limit changes in one place.
 */
public final class InputLimits {

    /** Display names and addresses: what a screen or a printed route sheet can show. */
    public static final int NAME = 200;

    /** A bin's tag, printed on the container. */
    public static final int TAG = 64;

    /** A truck's name in its fleet system's own naming. */
    public static final int VEHICLE_ID = 64;

    /** Our ids are UUIDs (36 characters); the room beyond them only makes a typo's refusal name the field. */
    public static final int ID = 64;

    /** A fleet system's own record id, part of the published language of the fleet topic. */
    public static final int FLEET_RECORD_ID = FleetRecord.MAX_RECORD_ID_LENGTH;

    /** The longest any JSON string may be before it is even bound to a field. */
    public static final int JSON_STRING = 4_096;

    /**
     * The deepest JSON nesting: a route's path is the deepest a request gets (object, array,
     * point), so anything past this is an attack on the parser, not a command.
     */
    public static final int JSON_NESTING_DEPTH = 16;

    /** The most digits of a JSON number: coordinates need about 20; a thousand-digit number is a parser bomb. */
    public static final int JSON_NUMBER_LENGTH = 64;

    /** The most points of a route's path. */
    public static final int PATH_POINTS = 10_000;

    /** The longest {@code Idempotency-Key}: it is stored with the first answer. */
    public static final int IDEMPOTENCY_KEY = 255;

    private InputLimits() {}

    /** The JSON parser's limits, for every JSON a client sends (command bodies and fleet records). */
    public static StreamReadConstraints jsonConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(JSON_NESTING_DEPTH)
                .maxNumberLength(JSON_NUMBER_LENGTH)
                .maxStringLength(JSON_STRING)
                .build();
    }

    /**
     * Text a person or a fleet system may send: no control characters (C0, DEL, C1: they corrupt logs,
     * terminals and CSV exports, and PostgreSQL cannot store NUL) and no lone surrogate (no UTF-8 for it,
     * so it could not be stored and read back as sent).
     */
    public static boolean isPlainText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The reason a text breaks the rules, or null when it keeps them; callers name the field. */
    public static String problemWith(String text, int maxLength) {
        if (text.length() > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        if (!isPlainText(text)) {
            return "must not contain control characters or unpaired surrogates";
        }
        return null;
    }
}
