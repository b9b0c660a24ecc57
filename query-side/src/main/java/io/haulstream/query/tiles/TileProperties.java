package io.haulstream.query.tiles;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits that keep a tile small; the tile SQL, the controller and the invalidation all read
 * them from here.
 *
 * @param maxZoom the deepest zoom served (and so cached); a map shows deeper zooms by enlarging these
 * @param clusterBelowZoom below this zoom bins are drawn as clusters of a grid, not one by one
 * @param clusterCells cells per side of that grid: a clustered tile holds at most its square
 * @param maxFeatures the most features of one layer in a tile drawn one by one (the first by id)
 */
@ConfigurationProperties("haulstream.tiles")
public record TileProperties(int maxZoom, int clusterBelowZoom, int clusterCells, int maxFeatures) {

    /** MVT's usual grid: coordinates inside a tile run from 0 to this. */
    public static final int EXTENT = 4096;

    /**
     * How far route lines are drawn past a tile's edge, as a fraction of its side, so thick lines
     * join across tiles; a route in that margin is in the tile too, and invalidation counts it so.
     */
    public static final double ROUTE_MARGIN = 1.0 / 16;

    public TileProperties {
        if (maxZoom < 0 || maxZoom > 22 || clusterBelowZoom < 0 || clusterCells < 1 || maxFeatures < 1) {
            throw new IllegalArgumentException("tile limits out of range");
        }
    }
}
