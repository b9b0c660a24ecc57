package io.haulstream.query.cache;

import io.haulstream.query.cache.TileKey.Layer;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Where one bin or route of a projected batch stood or stands, as a box of longitude and latitude
 * (a point is a box of no size): every tile of its layer that the box touches, at every zoom, is to
 * be dropped. A batch names its areas, not their tiles: one area stands for seventeen tiles or more,
 * so the batch's transaction and its outbox row carry a seventeenth of the keys, and the tiles are
 * worked out after commit, beside the projection instead of in its way.
 *
 * @param day the UTC day of the route tiles to drop; {@code null} for bins
 */
public record TileArea(
        String organizationId, Layer layer, double west, double south, double east, double north, LocalDate day) {

    private static final String PREFIX = "tile-area:";

    public TileArea {
        Objects.requireNonNull(organizationId);
        Objects.requireNonNull(layer);
        if ((layer == Layer.ROUTES) != (day != null)) {
            throw new IllegalArgumentException("route areas, and only they, name a day");
        }
        if (!(west <= east) || !(south <= north)) {
            throw new IllegalArgumentException("not a box: " + west + "," + south + "," + east + "," + north);
        }
    }

    public static TileArea bins(String organizationId, double west, double south, double east, double north) {
        return new TileArea(organizationId, Layer.BINS, west, south, east, north, null);
    }

    public static TileArea routes(
            String organizationId, double west, double south, double east, double north, LocalDate day) {
        return new TileArea(organizationId, Layer.ROUTES, west, south, east, north, day);
    }

    /** How the area is kept in the cache outbox until its tiles are dropped; doubles print exactly. */
    public String outboxKey() {
        return PREFIX + organizationId + ":" + layer.urlName() + ":" + (day == null ? "-" : day) + ":" + west + ":"
                + south + ":" + east + ":" + north;
    }

    public static boolean isOutboxKey(String key) {
        return key.startsWith(PREFIX);
    }

    public static TileArea ofOutboxKey(String key) {
        String[] parts = key.substring(PREFIX.length()).split(":");
        if (parts.length != 7) {
            throw new IllegalArgumentException("not a tile area: " + key);
        }
        return new TileArea(
                parts[0],
                Layer.ofUrlName(parts[1]),
                Double.parseDouble(parts[3]),
                Double.parseDouble(parts[4]),
                Double.parseDouble(parts[5]),
                Double.parseDouble(parts[6]),
                "-".equals(parts[2]) ? null : LocalDate.parse(parts[2]));
    }
}
