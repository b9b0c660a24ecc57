package io.haulstream.query.statistics;

/** The fill bands dispatchers plan by; a bin never reported is UNKNOWN. */
final class FillBand {

    static final String UNKNOWN = "UNKNOWN";

    private FillBand() {}

    static String of(Integer fillPercent) {
        if (fillPercent == null) {
            return UNKNOWN;
        }
        if (fillPercent < 25) {
            return "0-24";
        }
        if (fillPercent < 50) {
            return "25-49";
        }
        return fillPercent < 75 ? "50-74" : "75-100";
    }
}
