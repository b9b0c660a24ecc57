package io.haulstream.query.projection;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Columns of a multi-row statement built from a batch's changes folded per entity: one array per
 * column, in the rows' order, for {@code unnest}.
 */
public final class Columns {

    private Columns() {}

    /** The entities' ids, the key of each folded change. */
    public static String[] ids(List<? extends Map.Entry<String, ?>> rows) {
        return rows.stream().map(Map.Entry::getKey).toArray(String[]::new);
    }

    /** A text column of the changes. */
    public static <V> String[] column(List<Map.Entry<String, V>> rows, Function<V, String> value) {
        return rows.stream().map(row -> value.apply(row.getValue())).toArray(String[]::new);
    }
}
