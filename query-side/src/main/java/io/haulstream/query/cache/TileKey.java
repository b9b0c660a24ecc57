package io.haulstream.query.cache;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One vector tile of one organization's layer, as cached in Redis. Route tiles show the progress of
 * one day, so that day is part of their key: at midnight the board asks for new keys instead of
 * reading yesterday's progress, and bin tiles, which show no day, have none.
 *
 * @param day the UTC day a route tile's progress is of; {@code null} for bin tiles
 */
public record TileKey(String organizationId, Layer layer, int z, int x, int y, LocalDate day) {

    /**
     * Tiles cached before the cache kept its set of shown organizations were under {@code tile:};
     * that set cannot vouch for them, so they are never read again.
     */
    private static final String PREFIX = "mvt:";

    /** The map layers served as tiles, named as in the tile URL and inside the tile. */
    public enum Layer {
        BINS("bins"),
        ROUTES("routes");

        private final String urlName;

        Layer(String urlName) {
            this.urlName = urlName;
        }

        public String urlName() {
            return urlName;
        }

        public static Layer ofUrlName(String name) {
            for (Layer layer : values()) {
                if (layer.urlName.equals(name)) {
                    return layer;
                }
            }
            throw new IllegalArgumentException("no tile layer " + name);
        }
    }

    public TileKey {
        Objects.requireNonNull(organizationId);
        Objects.requireNonNull(layer);
        if ((layer == Layer.ROUTES) != (day != null)) {
            throw new IllegalArgumentException("route tiles, and only they, name a day");
        }
    }

    public static TileKey bins(String organizationId, int z, int x, int y) {
        return new TileKey(organizationId, Layer.BINS, z, x, y, null);
    }

    public static TileKey routes(String organizationId, int z, int x, int y, LocalDate day) {
        return new TileKey(organizationId, Layer.ROUTES, z, x, y, day);
    }

    /** The Redis key of the tile's bytes; organization ids are UUIDs, so ':' separates safely. */
    public String redisKey() {
        return PREFIX + organizationId + ":" + layer.urlName() + ":" + (day == null ? "-" : day) + ":" + z + ":" + x
                + ":" + y;
    }
}
