package io.haulstream.benchmark.seed;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reading rows as an ORM hydrating entities would: every column of every row. */
final class Rows {

    static final String BIN_COLUMNS = "b.id, b.customer_id, b.organization_id, b.tag, b.status, b.waste_stream,"
            + " b.container_type, b.capacity, b.fill_level, ST_X(b.location::geometry) AS longitude,"
            + " ST_Y(b.location::geometry) AS latitude, b.created_at, b.updated_at";

    private Rows() {}

    /** Reads every column of every row, as an ORM hydrating entities would. */
    static int readAll(ResultSet result) throws SQLException {
        int columns = result.getMetaData().getColumnCount();
        int rows = 0;
        while (result.next()) {
            read(result, columns);
            rows++;
        }
        return rows;
    }

    static void read(ResultSet result, int columns) throws SQLException {
        for (int column = 1; column <= columns; column++) {
            result.getObject(column);
        }
    }
}
