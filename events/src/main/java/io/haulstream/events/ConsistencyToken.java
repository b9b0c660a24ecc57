package io.haulstream.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Names the last event a command produced: its aggregate, its sequence in that aggregate and its
 * global position in the event store. A query that passes it back waits until that event's
 * effects are projected. Clients treat the encoded form as opaque.
 */
public record ConsistencyToken(String aggregateId, long sequence, long globalPosition) {

    private static final String VERSION = "1";

    public ConsistencyToken {
        if (aggregateId == null || aggregateId.isBlank() || aggregateId.contains("|")) {
            throw new IllegalArgumentException("aggregateId must be non-blank and free of '|'");
        }
        if (sequence < 0 || globalPosition < 0) {
            throw new IllegalArgumentException("sequence and globalPosition must not be negative");
        }
    }

    public String encode() {
        String plain = VERSION + "|" + aggregateId + "|" + sequence + "|" + globalPosition;
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
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a consistency token issued by haulstream (unknown format)");
        }
        try {
            return new ConsistencyToken(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a consistency token issued by haulstream (bad position)");
        }
    }
}
