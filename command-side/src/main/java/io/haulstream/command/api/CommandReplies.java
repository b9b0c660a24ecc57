package io.haulstream.command.api;

import io.haulstream.command.consistency.AppliedEvent;
import io.haulstream.command.consistency.CommandOutcome;
import io.haulstream.events.ConsistencyToken;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Builds the reply every accepted command gets, so no endpoint can forget the token. */
@Component
class CommandReplies {

    private final ConsistencyTokens tokens;

    CommandReplies(ConsistencyTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * @param location the resource's path on the query API, where the client reads it back
     * @param outcome what the command gateway answered
     */
    ResponseEntity<CommandAccepted> created(String location, String aggregateId, Object outcome) {
        String token = token(aggregateId, outcome);
        return ResponseEntity.created(URI.create(location))
                .header(CommandAccepted.TOKEN_HEADER, token)
                .body(new CommandAccepted(aggregateId, token));
    }

    ResponseEntity<CommandAccepted> accepted(String aggregateId, Object outcome) {
        String token = token(aggregateId, outcome);
        return ResponseEntity.ok()
                .header(CommandAccepted.TOKEN_HEADER, token)
                .body(new CommandAccepted(aggregateId, token));
    }

    /** The event the command applied; only a command that applied none costs a query. */
    private String token(String aggregateId, Object outcome) {
        Optional<AppliedEvent> applied =
                outcome instanceof CommandOutcome command ? command.lastEvent() : Optional.empty();
        return applied.map(event -> new ConsistencyToken(event.aggregateId(), event.sequence()).encode())
                .orElseGet(() -> tokens.after(aggregateId));
    }
}
