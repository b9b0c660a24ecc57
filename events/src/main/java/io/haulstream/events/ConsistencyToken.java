package io.haulstream.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Names the last event a command produced: its aggregate and its sequence in that aggregate. A
 * query that passes it back waits until that event's effects are projected, which the query side
 * tells by the aggregate's projected sequence alone. Clients treat the encoded form as opaque.
 *
 * <p>The command side issues format 2, which carries no global position: the event store hands
 * that out only on insert, and reading it back cost a query per command. Format 1 tokens, which
 * carry it, are still read, so a token issued before the change keeps working.
 *
 * @param globalPosition the event's position in the event store, or {@link #UNKNOWN_POSITION}
 */
public record ConsistencyToken(String aggregateId, long sequence, long globalPosition) {

    /** The global position of a token that does not carry one (every format 2 token). */
    public static final long UNKNOWN_POSITION = -1;

    private static final String VERSION_WITH_POSITION = "1";
    private static final String VERSION = "2";

    public ConsistencyToken {
        if (aggregateId == null || aggregateId.isBlank() || aggregateId.contains("|")) {
            throw new IllegalArgumentException("aggregateId must be non-blank and free of '|'");
        }
        if (sequence < 0 || globalPosition < UNKNOWN_POSITION) {
            throw new IllegalArgumentException("sequence and globalPosition must not be negative");
        }
    }

    /** A token without a global position, as the command side issues them. */
    public ConsistencyToken(String aggregateId, long sequence) {
        this(aggregateId, sequence, UNKNOWN_POSITION);
    }

    public boolean hasGlobalPosition() {
        return globalPosition != UNKNOWN_POSITION;
    }

    /** Format 2, unless the token carries a global position, which only format 1 can hold. */
    public String encode() {
        String plain = hasGlobalPosition()
                ? VERSION_WITH_POSITION + "|" + aggregateId + "|" + sequence + "|" + globalPosition
                : VERSION + "|" + aggregateId + "|" + sequence;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException with a reason a client can act on */
    public static ConsistencyToken decode(String encoded) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a consistency token issued by haulstream (not base64url)");
        }
        String[] parts = plain.split("\\|", -1);
        boolean withPosition = parts.length == 4 && VERSION_WITH_POSITION.equals(parts[0]);
        if (!withPosition && !(parts.length == 3 && VERSION.equals(parts[0]))) {
            throw new IllegalArgumentException("not a consistency token issued by haulstream (unknown format)");
        }
        try {
            long sequence = Long.parseLong(parts[2]);
            return withPosition
                    ? new ConsistencyToken(parts[1], sequence, nonNegative(Long.parseLong(parts[3])))
                    : new ConsistencyToken(parts[1], sequence);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a consistency token issued by haulstream (bad position)");
        }
    }

    /** A format 1 token always carried a real position; -1 there is a forgery, not "unknown". */
    private static long nonNegative(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("sequence and globalPosition must not be negative");
        }
        return position;
    }
}
