package io.haulstream.query.statistics;

/** The fill bands dispatchers plan by; a bin never reported is UNKNOWN. */
public final class FillBand {

    public static final String UNKNOWN = "UNKNOWN";

    /** A band's lowest fill percent, then its name: the one place the bands are drawn. */
    private static final int[] LOWEST = {75, 50, 25, 0};

    private static final String[] NAMES = {"75-100", "50-74", "25-49", "0-24"};

    private FillBand() {}

    public static String of(Integer fillPercent) {
        if (fillPercent == null) {
            return UNKNOWN;
        }
        for (int band = 0; band < LOWEST.length; band++) {
            if (fillPercent >= LOWEST[band]) {
                return NAMES[band];
            }
        }
        return NAMES[NAMES.length - 1];
    }

    /** The same bands as a SQL expression of an integer column, for reads that band rows in SQL. */
    public static String sql(String fillPercentColumn) {
        StringBuilder sql = new StringBuilder("case when ")
                .append(fillPercentColumn)
                .append(" is null then '")
                .append(UNKNOWN)
                .append("'");
        for (int band = 0; band < LOWEST.length - 1; band++) {
            sql.append(" when ")
                    .append(fillPercentColumn)
                    .append(" >= ")
                    .append(LOWEST[band])
                    .append(" then '")
                    .append(NAMES[band])
                    .append("'");
        }
        return sql.append(" else '")
                .append(NAMES[NAMES.length - 1])
                .append("' end")
                .toString();
    }
}
