package io.haulstream.query.api;

/**
 * Every bound on what one query may ask for, in one place: the controllers' constraints and the
 * queries refer to these. Annotations need compile-time constants, hence the decimal ones as text.
 */
public final class QueryLimits {

    private QueryLimits() {}

    /** Largest radius of a "within" query: beyond it a dispatcher wants a territory, not a circle. */
    public static final String MAX_RADIUS_METRES = "50000";

    public static final String MIN_RADIUS_METRES = "1";

    public static final int WITHIN_LIMIT_DEFAULT = 500;
    public static final int MAX_WITHIN_LIMIT = 2000;

    public static final int NEAREST_LIMIT_DEFAULT = 10;
    public static final int MAX_NEAREST_LIMIT = 100;

    /** Page sizes of every keyset-paged list (bins, service history, directory lists). */
    public static final int PAGE_SIZE_DEFAULT = 100;

    public static final int MAX_PAGE_SIZE = 500;

    /**
     * Rows an OFFSET page may step over: past this a page number costs a scan of every earlier row
     * (1.5 s at depth in the benchmark), so deeper pages are refused and the client is sent to
     * {@code after=}, which starts right at its cursor whatever the depth.
     */
    public static final long MAX_OFFSET_ROWS = 10_000;

    /** Widest corridor of "bins along a route", either side of its line. */
    public static final String MAX_CORRIDOR_METRES = "1000";

    public static final String MIN_LATITUDE = "-90";
    public static final String MAX_LATITUDE = "90";
    public static final String MIN_LONGITUDE = "-180";
    public static final String MAX_LONGITUDE = "180";
}
