package io.haulstream.query.tiles;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Mapbox Vector Tiles (the protobuf of the MVT 2.1 specification) on its own, so the tests
 * check PostGIS's output against the specification rather than against PostGIS.
 */
final class MvtReader {

    record Feature(Map<String, Object> properties, List<Integer> geometry) {

        /** The first point of a point feature, in tile coordinates. */
        int[] point() {
            int x = zigzag(geometry.get(1));
            int y = zigzag(geometry.get(2));
            return new int[] {x, y};
        }
    }

    record Layer(String name, int extent, List<Feature> features) {}

    private final ByteBuffer buffer;

    private MvtReader(byte[] bytes) {
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static Map<String, Layer> read(byte[] tile) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        MvtReader reader = new MvtReader(tile);
        while (reader.buffer.hasRemaining()) {
            long tag = reader.varint();
            if (tag >>> 3 == 3 && (tag & 7) == 2) {
                Layer layer = new MvtReader(reader.bytes()).layer();
                layers.put(layer.name(), layer);
            } else {
                reader.skip((int) (tag & 7));
            }
        }
        return layers;
    }

    private Layer layer() {
        String name = null;
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<byte[]> rawFeatures = new ArrayList<>();
        while (buffer.hasRemaining()) {
            long tag = varint();
            int field = (int) (tag >>> 3);
            if (field == 1) {
                name = new String(bytes(), StandardCharsets.UTF_8);
            } else if (field == 2) {
                rawFeatures.add(bytes());
            } else if (field == 3) {
                keys.add(new String(bytes(), StandardCharsets.UTF_8));
            } else if (field == 4) {
                values.add(new MvtReader(bytes()).value());
            } else if (field == 5) {
                extent = (int) varint();
            } else {
                skip((int) (tag & 7));
            }
        }
        List<Feature> features = new ArrayList<>();
        for (byte[] raw : rawFeatures) {
            features.add(new MvtReader(raw).feature(keys, values));
        }
        return new Layer(name, extent, features);
    }

    private Feature feature(List<String> keys, List<Object> values) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<Integer> geometry = new ArrayList<>();
        while (buffer.hasRemaining()) {
            long tag = varint();
            int field = (int) (tag >>> 3);
            if (field == 2 || field == 4) {
                MvtReader packed = new MvtReader(bytes());
                List<Integer> numbers = new ArrayList<>();
                while (packed.buffer.hasRemaining()) {
                    numbers.add((int) packed.varint());
                }
                if (field == 2) {
                    for (int i = 0; i < numbers.size(); i += 2) {
                        properties.put(keys.get(numbers.get(i)), values.get(numbers.get(i + 1)));
                    }
                } else {
                    geometry.addAll(numbers);
                }
            } else {
                skip((int) (tag & 7));
            }
        }
        return new Feature(properties, geometry);
    }

    private Object value() {
        Object value = null;
        while (buffer.hasRemaining()) {
            long tag = varint();
            switch ((int) (tag >>> 3)) {
                case 1 -> value = new String(bytes(), StandardCharsets.UTF_8);
                case 2 -> value = (double) buffer.getFloat();
                case 3 -> value = buffer.getDouble();
                case 4, 5 -> value = varint();
                case 6 -> {
                    long raw = varint();
                    value = (raw >>> 1) ^ -(raw & 1);
                }
                case 7 -> value = varint() != 0;
                default -> skip((int) (tag & 7));
            }
        }
        return value;
    }

    static int zigzag(int raw) {
        return (raw >>> 1) ^ -(raw & 1);
    }

    private long varint() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = buffer.get();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    private byte[] bytes() {
        byte[] bytes = new byte[(int) varint()];
        buffer.get(bytes);
        return bytes;
    }

    private void skip(int wireType) {
        switch (wireType) {
            case 0 -> varint();
            case 1 -> buffer.position(buffer.position() + 8);
            case 2 -> bytes();
            case 5 -> buffer.position(buffer.position() + 4);
            default -> throw new IllegalStateException("wire type " + wireType);
        }
    }
}
