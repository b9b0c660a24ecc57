package io.haulstream.query.audit;

import java.util.List;

/**
 * A page of a bin's or a route's audit trail, newest first.
 *
 * @param next the opaque cursor to pass as {@code after} for the following (older) page; null on the last page
 */
public record AuditPage(List<AuditEntry> entries, String next) {}
