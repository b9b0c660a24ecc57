package io.haulstream.query.routes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a route's path from {@code ST_AsBinary}: exact doubles with nothing to parse, where
 * {@code ST_AsGeoJSON} rounds them and needs a JSON parser, and one column where
 * {@code ST_DumpPoints} twice (latitudes, longitudes) cost two set-returning calls per route.
 */
final class Wkb {

    private static final int LINE_STRING = 2;

    private Wkb() {}

    static List<RouteView.Location> lineString(byte[] wkb) {
        ByteBuffer buffer = ByteBuffer.wrap(wkb);
        buffer.order(buffer.get() == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int type = buffer.getInt();
        if ((type & 0xffff) != LINE_STRING) {
            throw new IllegalArgumentException("not a 2D LineString: WKB type " + type);
        }
        int points = buffer.getInt();
        List<RouteView.Location> path = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            double longitude = buffer.getDouble();
            double latitude = buffer.getDouble();
            path.add(new RouteView.Location(latitude, longitude));
        }
        return List.copyOf(path);
    }
}
