package io.haulstream.benchmark.city;

import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * The city's hash streams and the small helpers its parts share. A value drawn from a hash stream
 * is a pure function of seed, stream and index, so ids and times need not be stored and a value
 * never moves when a draw is added elsewhere; only the shapes of the city come from the one
 * {@link Random} that its parts draw from in a fixed order.
 */
final class Seeded {

    // Independent hash streams, so that adding a draw to one never shifts the values of another.
    static final int ORGANIZATION_ID = 1;
    static final int CUSTOMER_ID = 2;
    static final int BIN_ID = 3;
    static final int ROUTE_ID = 4;
    static final int CUSTOMER_TIME = 5;
    static final int BIN_TIME = 6;
    static final int ROUTE_TIME = 7;
    static final int STATUS_TIME = 8;
    static final int SENSOR = 9;
    static final int SENSOR_TIME = 10;
    static final int SENSOR_FILL = 11;
    static final int ROUTE_START = 12;
    static final int STAYS_OUT = 13;
    static final int HISTORY = 14;
    static final int NAMES = 15;
    static final int ACTIVATION_TIME = 16;
    private static final int UUID_LOW = 1_000;

    private final long seed;

    Seeded(long seed) {
        this.seed = seed;
    }

    long seed() {
        return seed;
    }

    /** SplitMix64's finalizer: a bijection on longs that scatters neighbouring inputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long hash(int stream, long index) {
        return mix64(mix64(seed + stream * 0x9E3779B97F4A7C15L) ^ index);
    }

    long hashBelow(int stream, long index, long bound) {
        return Math.floorMod(hash(stream, index), bound);
    }

    /**
     * A random-looking (version 4) UUID that is a pure function of seed, kind and number, so no id
     * has to be stored and a rerun with the same seed names the same entities.
     */
    String uuid(int stream, long index) {
        long high = (hash(stream, index) & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long low = (hash(stream + UUID_LOW, index) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    static int pick(double[] cumulative, Random random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    static double[] cumulative(double... weights) {
        double[] sums = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            sums[i] = sum;
        }
        return sums;
    }

    static Integer[] indices(int n) {
        Integer[] indices = new Integer[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }

    /** Rounded to 1e-7 degrees (about a centimetre), so JSON and SQL carry the same short numbers. */
    static double round7(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }

    static String padded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    static String label(String constant) {
        return constant.charAt(0)
                + constant.substring(1).toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
