package io.haulstream.query.api;

import io.haulstream.events.ConsistencyToken;
import io.haulstream.query.consistency.ConsistencyGate;
import io.haulstream.query.consistency.ProjectionStatus;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads the token a client passed, as {@code minPosition} or in the {@code Consistency-Token}
 * header, and holds the query until its event is projected.
 */
@Component
public class ReadConsistency {

    public static final String PARAMETER = "minPosition";
    public static final String HEADER = "Consistency-Token";

    private final ConsistencyGate gate;
    private final ProjectionStatus status;

    ReadConsistency(ConsistencyGate gate, ProjectionStatus status) {
        this.gate = gate;
        this.status = status;
    }

    /** @return the token that was awaited, if the client passed one */
    public Optional<ConsistencyToken> await(String parameter, String header) {
        String field = parameter != null ? PARAMETER : HEADER;
        String encoded = parameter != null ? parameter : header;
        if (encoded == null || encoded.isBlank()) {
            return Optional.empty();
        }
        ConsistencyToken token;
        try {
            token = ConsistencyToken.decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidToken(field, e.getMessage());
        }
        gate.awaitProjected(token);
        status.observed(token.globalPosition());
        return Optional.of(token);
    }
}
