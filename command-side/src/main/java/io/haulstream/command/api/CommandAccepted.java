package io.haulstream.command.api;

/**
 * The reply to every accepted command.
 *
 * @param id the aggregate the command created or changed
 * @param consistencyToken pass it to the query API to read your own write
 */
public record CommandAccepted(String id, String consistencyToken) {

    static final String TOKEN_HEADER = "Consistency-Token";
}
