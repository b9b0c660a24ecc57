package io.haulstream.e2e;

import io.haulstream.events.ServiceOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The statistics' rules as the README states them, written down once for the tests that check the
 * read model: the figures a test expects are folded from the event store with these and nothing
 * else, never with the projection's own code, so a wrong rule in the projection cannot agree with
 * itself.
 */
final class StatisticsRules {

    /** A bin as placed: active, its fill level never reported. */
    static final String PLACED_BIN_STATUS = "ACTIVE";

    static final String UNREPORTED_FILL_BAND = "UNKNOWN";

    /** Every route starts planned. */
    static final String CREATED_ROUTE_STATUS = "PLANNED";

    /** What a bin or route outside every territory is counted under. */
    static final String NO_TERRITORY = "NONE";

    private StatisticsRules() {}

    /** Fill bands of a quarter each; the top one takes 100 too. */
    static String fillBand(int fillPercent) {
        int lower = Math.min(fillPercent / 25, 3) * 25;
        return lower + "-" + (lower == 75 ? 100 : lower + 24);
    }

    /** An emptied bin is empty: its fill band is that of 0 %. */
    static String fillBandAfter(ServiceOutcome outcome, String before) {
        return outcome == ServiceOutcome.EMPTIED ? fillBand(0) : before;
    }

    /** How a service counts in the day's figures: emptied, missed, or an exception (any other outcome). */
    enum Tally {
        SERVICED,
        MISSED,
        EXCEPTIONS;

        static Tally of(ServiceOutcome outcome) {
            if (outcome == ServiceOutcome.EMPTIED) {
                return SERVICED;
            }
            return outcome == ServiceOutcome.MISSED ? MISSED : EXCEPTIONS;
        }

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Days are UTC days. */
    static LocalDate dayOf(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * An instant as the read model keeps it: PostgreSQL's timestamps hold microseconds, and it
     * rounds finer input to the nearest one (half to even, as {@code rint}).
     */
    static Instant stored(Instant at) {
        long micros = (long) Math.rint(at.getNano() / 1000.0);
        return Instant.ofEpochSecond(at.getEpochSecond()).plusNanos(micros * 1000);
    }

    /** A weight the truck did not know adds nothing. */
    static double weightOf(Double weightKg) {
        return weightKg == null ? 0 : weightKg;
    }

    /** An active territory that may cover a place. */
    interface Candidate {
        String id();

        Instant createdAt();

        boolean covers(double longitude, double latitude);
    }

    /** Of the organization's active territories covering the place, the earliest created (then the smallest id). */
    static String territoryOf(List<? extends Candidate> activeOfOrganization, double longitude, double latitude) {
        Optional<? extends Candidate> first = activeOfOrganization.stream()
                .filter(candidate -> candidate.covers(longitude, latitude))
                .min(Comparator.comparing(Candidate::createdAt).thenComparing(Candidate::id));
        return first.<String>map(Candidate::id).orElse(NO_TERRITORY);
    }
}
