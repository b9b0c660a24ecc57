package io.haulstream.benchmark.city;

import static io.haulstream.benchmark.city.City.MAX_ROUTE_VERTICES;
import static io.haulstream.benchmark.city.City.MAX_STOPS;
import static io.haulstream.benchmark.city.Seeded.indices;
import static io.haulstream.benchmark.city.Seeded.round7;

import io.haulstream.benchmark.city.Berlin.Neighbourhood;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The street geometry of one route: the order a truck drives a patch of stops in and the line it
 * drives along, on the neighbourhood's street grid. Pure geometry, no randomness, so a route's shape
 * depends only on its stops.
 */
final class StreetSweep {

    /**
     * @param stops bin numbers in driving order, at most {@link City#MAX_STOPS}
     * @param path longitude, latitude, longitude, latitude, ... of the route's vertices
     */
    record Sweep(int[] stops, double[] path) {}

    private StreetSweep() {}

    /**
     * Drives the patch street by street: along every street (band) that has stops, alternating
     * direction, crossing to the next one on a side street. Vertices are street corners, plus
     * intersections along the way while the route stays within {@link City#MAX_ROUTE_VERTICES}.
     */
    static Sweep layOut(Neighbourhood nb, int[] bins, double[] xs, double[] ys) {
        double block = nb.blockMetres();
        int n = bins.length;
        if (n == 0) {
            return new Sweep(new int[0], toPath(nb, List.of(new double[] {0, 0}, new double[] {block, 0})));
        }
        int merge = 1;
        while (merge < 64 && 3 * distinctBands(ys, block * merge) > MAX_ROUTE_VERTICES - 3) {
            merge++;
        }
        double bandHeight = block * merge;
        int[] band = new int[n];
        for (int i = 0; i < n; i++) {
            band[i] = (int) Math.round(ys[i] / bandHeight);
        }
        Integer[] order = indices(n);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> band[i]).thenComparingDouble(i -> xs[i]));

        List<double[]> corners = new ArrayList<>();
        int[] stops = new int[Math.min(n, MAX_STOPS)];
        int stopCount = 0;
        double current = Double.NaN;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && band[order[end]] == band[order[start]]) {
                end++;
            }
            double y = band[order[start]] * bandHeight;
            double left = Math.floor(xs[order[start]] / block) * block;
            double right = Math.ceil(xs[order[end - 1]] / block) * block;
            if (right - left < block) {
                right = left + block;
            }
            boolean rightward;
            if (corners.isEmpty()) {
                rightward = true;
                corners.add(new double[] {left, y});
            } else {
                corners.add(new double[] {current, y});
                rightward = current <= (left + right) / 2;
                double near = rightward ? left : right;
                if (current != near) {
                    corners.add(new double[] {near, y});
                }
            }
            corners.add(new double[] {rightward ? right : left, y});
            current = rightward ? right : left;
            for (int j = 0; j < end - start && stopCount < stops.length; j++) {
                stops[stopCount++] = bins[order[rightward ? start + j : end - 1 - j]];
            }
            start = end;
        }

        int intersections = 0;
        for (int i = 1; i < corners.size(); i++) {
            double[] a = corners.get(i - 1);
            double[] b = corners.get(i);
            if (a[1] == b[1]) {
                intersections += Math.max(0, (int) Math.round(Math.abs(b[0] - a[0]) / block) - 1);
            }
        }
        int budget = MAX_ROUTE_VERTICES - corners.size();
        int stride =
                intersections <= budget ? 1 : budget <= 0 ? Integer.MAX_VALUE : -Math.floorDiv(-intersections, budget);
        List<double[]> path = new ArrayList<>();
        path.add(corners.get(0));
        int seen = 0;
        for (int i = 1; i < corners.size(); i++) {
            double[] a = corners.get(i - 1);
            double[] b = corners.get(i);
            if (a[1] == b[1] && stride != Integer.MAX_VALUE) {
                int steps = (int) Math.round(Math.abs(b[0] - a[0]) / block);
                double direction = Math.signum(b[0] - a[0]);
                for (int step = 1; step < steps; step++) {
                    if (seen++ % stride == 0) {
                        path.add(new double[] {a[0] + direction * step * block, a[1]});
                    }
                }
            }
            path.add(b);
        }
        return new Sweep(stops, toPath(nb, path));
    }

    private static int distinctBands(double[] ys, double bandHeight) {
        int[] bands = new int[ys.length];
        for (int i = 0; i < ys.length; i++) {
            bands[i] = (int) Math.round(ys[i] / bandHeight);
        }
        Arrays.sort(bands);
        int distinct = 0;
        for (int i = 0; i < bands.length; i++) {
            if (i == 0 || bands[i] != bands[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    private static double[] toPath(Neighbourhood nb, List<double[]> local) {
        double[] path = new double[local.size() * 2];
        for (int i = 0; i < local.size(); i++) {
            double[] point = local.get(i);
            path[2 * i] = round7(nb.longitudeOf(point[0], point[1]));
            path[2 * i + 1] = round7(nb.latitudeOf(point[0], point[1]));
        }
        return path;
    }
}
