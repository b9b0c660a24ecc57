package io.haulstream.benchmark.seed;

import io.haulstream.benchmark.Progress;
import io.haulstream.events.GeoPoint;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows into one table through PostgreSQL's COPY (text format), in chunks of about 64 KiB so a
 * million rows never sit in memory at once. Geography values go in as EWKT, which PostGIS parses
 * on input.
 */
final class CopyRows implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final CopyIn copy;
    private final Progress progress;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 4 * 1024);
    private boolean firstColumn = true;
    private long rowsInBuffer;
    private long rows;

    CopyRows(Connection connection, String table, Progress progress, String... columns) throws SQLException {
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        this.progress = progress;
    }

    CopyRows text(String value) {
        separate();
        if (value == null) {
            buffer.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    CopyRows number(long value) {
        separate();
        buffer.append(value);
        return this;
    }

    CopyRows number(Number value) {
        separate();
        buffer.append(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyRows time(Instant value) {
        separate();
        buffer.append(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyRows point(double longitude, double latitude) {
        separate();
        buffer.append("SRID=4326;POINT(")
                .append(longitude)
                .append(' ')
                .append(latitude)
                .append(')');
        return this;
    }

    CopyRows lineString(List<GeoPoint> path) {
        separate();
        buffer.append("SRID=4326;LINESTRING(");
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                buffer.append(',');
            }
            buffer.append(path.get(i).longitude())
                    .append(' ')
                    .append(path.get(i).latitude());
        }
        buffer.append(')');
        return this;
    }

    void endRow() throws SQLException {
        buffer.append('\n');
        firstColumn = true;
        rowsInBuffer++;
        if (buffer.length() >= CHUNK) {
            flush();
        }
    }

    /** @return the rows the server took */
    long finish() throws SQLException {
        flush();
        rows = copy.endCopy();
        return rows;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void flush() throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
        progress.advance(rowsInBuffer);
        rowsInBuffer = 0;
    }

    private void separate() {
        if (!firstColumn) {
            buffer.append('\t');
        }
        firstColumn = false;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }
}
