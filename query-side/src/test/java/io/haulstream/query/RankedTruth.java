package io.haulstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Holds a ranked answer (rows nearest first, as a query returned them) to a brute-force truth:
 * the same rows in the same order, where "the same" forgives only what floating point cannot
 * decide. Two rows whose true distances differ by less than the tolerance may come in either order,
 * and a row whose true distance is within the tolerance of the cut-off (the radius, or the last row
 * of a full page) may be in or out.
 */
public final class RankedTruth {

    private RankedTruth() {}

    /** A returned row: its id and the distance the query reported. */
    public record Row(String id, double reported) {}

    /**
     * @param truth the true distance of every row the query may return (right organization, active),
     *     whether in range or not
     * @param radius rows beyond it must not come back; {@code Double.POSITIVE_INFINITY} for none
     * @param limit at most this many rows come back
     */
    public static void check(List<Row> actual, Map<String, Double> truth, double radius, int limit, double tolerance) {
        check(actual, truth, radius, limit, metres -> tolerance);
    }

    /** @param tolerance what floating point cannot decide, for a row at the given true distance */
    public static void check(
            List<Row> actual, Map<String, Double> truth, double radius, int limit, DoubleUnaryOperator tolerance) {
        assertThat(actual.size()).isLessThanOrEqualTo(limit);
        double previous = Double.NEGATIVE_INFINITY;
        for (Row row : actual) {
            assertThat(truth).as("row %s may be returned at all", row.id()).containsKey(row.id());
            double expected = truth.get(row.id());
            assertThat(row.reported())
                    .as("reported distance of %s", row.id())
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance.applyAsDouble(expected)));
            assertThat(expected)
                    .as("%s is within the radius", row.id())
                    .isLessThanOrEqualTo(radius + tolerance.applyAsDouble(radius));
            assertThat(expected)
                    .as("%s comes after a row no nearer than it", row.id())
                    .isGreaterThanOrEqualTo(previous - tolerance.applyAsDouble(previous));
            previous = Math.max(previous, expected);
        }
        double cutOff =
                actual.size() == limit ? truth.get(actual.get(actual.size() - 1).id()) : radius;
        List<String> ids = actual.stream().map(Row::id).toList();
        truth.forEach((id, metres) -> {
            if (metres < cutOff - tolerance.applyAsDouble(cutOff)) {
                assertThat(ids)
                        .as("row %s at %.3f m, inside the cut-off %.3f m", id, metres, cutOff)
                        .contains(id);
            }
        });
    }
}
