package io.haulstream.query.tiles;

import java.util.ArrayList;
import java.util.List;

/**
 * Which tiles of the web-mercator grid (as {@code ST_TileEnvelope} lays it out) a box of longitude
 * and latitude touches at one zoom. A tile is closed here: a point on the edge between two tiles is
 * counted in both, so invalidation may drop one tile too many, never one too few.
 */
final class TileGrid {

    /** Web mercator's latitude limit: the grid is square up to here. */
    static final double MAX_LATITUDE = 85.0511287798066;

    /** About a millimetre at the deepest zoom: floating-point slack around edges. */
    private static final double SLACK = 1e-6;

    record Tile(int z, int x, int y) {}

    private TileGrid() {}

    /** The tile's column of a longitude, as a real number: its integer part is the column. */
    static double column(double longitude, int z) {
        return (longitude + 180.0) / 360.0 * (1 << z);
    }

    /** The tile's row of a latitude, rows counted from the north as in XYZ tiles. */
    static double row(double latitude, int z) {
        double clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
        double radians = Math.toRadians(clamped);
        double mercator = Math.log(Math.tan(Math.PI / 4 + radians / 2));
        return (1 - mercator / Math.PI) / 2 * (1 << z);
    }

    /**
     * @param margin how far past its edges a tile reaches, as a fraction of its side
     */
    static List<Tile> covering(double west, double south, double east, double north, int z, double margin) {
        int last = (1 << z) - 1;
        int minX = clamp((int) Math.floor(column(west, z) - margin - SLACK), last);
        int maxX = clamp((int) Math.floor(column(east, z) + margin + SLACK), last);
        int minY = clamp((int) Math.floor(row(north, z) - margin - SLACK), last);
        int maxY = clamp((int) Math.floor(row(south, z) + margin + SLACK), last);
        List<Tile> tiles = new ArrayList<>((maxX - minX + 1) * (maxY - minY + 1));
        for (int x = minX; x <= maxX; x++) {
            for (int y = minY; y <= maxY; y++) {
                tiles.add(new Tile(z, x, y));
            }
        }
        return tiles;
    }

    private static int clamp(int value, int last) {
        return Math.max(0, Math.min(last, value));
    }
}
