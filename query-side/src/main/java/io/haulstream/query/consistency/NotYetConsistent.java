package io.haulstream.query.consistency;

import io.haulstream.events.ConsistencyToken;
import java.time.Duration;

/** The event a token names was not projected within the bounded wait. */
public class NotYetConsistent extends RuntimeException {

    public NotYetConsistent(ConsistencyToken token, Duration waited) {
        super("event " + token.sequence() + " of " + token.aggregateId() + " is not projected yet after waiting "
                + waited.toMillis() + " ms; retry shortly");
    }
}
