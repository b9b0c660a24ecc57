package io.haulstream.query.statistics;

import java.time.LocalDate;

/**
 * Names of statistics entries, each a pure function of what it holds, so an event names exactly
 * the entries it changes. A scope is an organization id, or {@code *} for all organizations.
 */
final class StatisticsKeys {

    static final String ALL = "*";

    private StatisticsKeys() {}

    static String routes(String scope) {
        return "routes:" + scope;
    }

    static String bins(String scope) {
        return "bins:" + scope;
    }

    static String binsOn(String scope, LocalDate day) {
        return "bins:" + scope + ":" + day;
    }
}
