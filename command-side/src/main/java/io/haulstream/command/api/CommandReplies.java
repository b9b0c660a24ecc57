package io.haulstream.command.api;

import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Builds the reply every accepted command gets, so no endpoint can forget the token. */
@Component
class CommandReplies {

    private final ConsistencyTokens tokens;

    CommandReplies(ConsistencyTokens tokens) {
        this.tokens = tokens;
    }

    /** @param location the resource's path on the query API, where the client reads it back */
    ResponseEntity<CommandAccepted> created(String location, String aggregateId) {
        String token = tokens.after(aggregateId);
        return ResponseEntity.created(URI.create(location))
                .header(CommandAccepted.TOKEN_HEADER, token)
                .body(new CommandAccepted(aggregateId, token));
    }

    ResponseEntity<CommandAccepted> accepted(String aggregateId) {
        String token = tokens.after(aggregateId);
        return ResponseEntity.ok()
                .header(CommandAccepted.TOKEN_HEADER, token)
                .body(new CommandAccepted(aggregateId, token));
    }
}
