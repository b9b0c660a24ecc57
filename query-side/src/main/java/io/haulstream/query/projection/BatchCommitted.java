package io.haulstream.query.projection;

/**
 * Told on this instance the moment a projected batch committed, before its cache entries are
 * written: whoever waits for a position re-checks at once instead of at its next poll.
 */
public interface BatchCommitted {

    void batchCommitted();
}
