package io.haulstream.query.territories;

/**
 * The {@code territory=} filter of the bin and route queries, written the same way everywhere: a
 * territory's id, or {@value #NONE} for those in no territory.
 */
public final class TerritoryFilter {

    public static final String NONE = "none";

    private TerritoryFilter() {}

    /**
     * @param territory the parameter's value, or null for no filter
     * @param column the territory_id column of the table queried
     * @param parameter the named parameter the caller binds to the value
     * @return a condition to append with its leading {@code and}, or nothing
     */
    public static String sql(String territory, String column, String parameter) {
        if (territory == null) {
            return "";
        }
        return NONE.equals(territory) ? " and " + column + " is null" : " and " + column + " = " + parameter;
    }
}
