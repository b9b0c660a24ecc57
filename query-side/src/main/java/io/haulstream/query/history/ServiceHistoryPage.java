package io.haulstream.query.history;

import java.util.List;

/**
 * A page of services, newest first.
 *
 * @param next the opaque cursor to pass as {@code after} for the following (older) page; null on the last page
 */
public record ServiceHistoryPage(List<ServiceRecord> services, String next) {}
