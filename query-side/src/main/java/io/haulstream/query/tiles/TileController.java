package io.haulstream.query.tiles;

import io.haulstream.query.api.InvalidQuery;
import io.haulstream.query.api.ReadConsistency;
import io.haulstream.query.cache.TileKey;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vector tiles (Mapbox Vector Tile 2.1) of an organization's bins and routes, as MapLibre, QGIS or
 * any XYZ client asks for them. Redis first; on a miss PostGIS makes the tile and it is stored
 * under a claim (see {@link TileCache}). A read with a consistency token goes to PostGIS, since the
 * batch it waited for may not have dropped its tiles yet.
 */
@RestController
class TileController {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

    private final ReadConsistency consistency;
    private final TileCache cache;
    private final TileQueries queries;
    private final TileProperties limits;
    private final Clock clock = Clock.systemUTC();

    TileController(ReadConsistency consistency, TileCache cache, TileQueries queries, TileProperties limits) {
        this.consistency = consistency;
        this.cache = cache;
        this.queries = queries;
        this.limits = limits;
    }

    @GetMapping("/api/v1/organizations/{organizationId}/tiles/{layer}/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> tile(
            @PathVariable String organizationId,
            @PathVariable String layer,
            @PathVariable int z,
            @PathVariable int x,
            @PathVariable int y,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        TileKey key = key(organizationId, layer, z, x, y);
        boolean withToken = consistency.await(minPosition, tokenHeader).isPresent();
        byte[] tile = withToken ? queries.tile(key) : cached(key);
        // Browsers may keep a tile but must ask again before showing it: the map follows changes.
        return ResponseEntity.ok()
                .contentType(MVT)
                .cacheControl(CacheControl.noCache())
                .body(tile);
    }

    private byte[] cached(TileKey key) {
        Optional<byte[]> hit = cache.get(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        Optional<String> claim = cache.claim(key);
        byte[] tile = queries.tile(key);
        claim.ifPresent(token -> cache.store(key, token, tile));
        return tile;
    }

    private TileKey key(String organizationId, String layer, int z, int x, int y) {
        TileKey.Layer parsed;
        try {
            parsed = TileKey.Layer.ofUrlName(layer);
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery("layer", "is bins or routes");
        }
        if (z < 0 || z > limits.maxZoom()) {
            throw new InvalidQuery("z", "is 0 to " + limits.maxZoom() + "; maps draw deeper zooms from these tiles");
        }
        if (x < 0 || x >= 1 << z) {
            throw new InvalidQuery("x", "is 0 to " + ((1 << z) - 1) + " at zoom " + z);
        }
        if (y < 0 || y >= 1 << z) {
            throw new InvalidQuery("y", "is 0 to " + ((1 << z) - 1) + " at zoom " + z);
        }
        return parsed == TileKey.Layer.BINS
                ? TileKey.bins(organizationId, z, x, y)
                : TileKey.routes(organizationId, z, x, y, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }
}
