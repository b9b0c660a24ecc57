package io.haulstream.query.statistics;

import java.time.LocalDate;

/** Service records of one day (UTC) in a scope: emptied, missed, and exceptions. */
public record ServiceDay(String scope, LocalDate day, long serviced, long missed, long exceptions, long version) {}
