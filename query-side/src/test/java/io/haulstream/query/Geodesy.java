package io.haulstream.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The truth the spatial queries are held to, computed here from textbook formulas and nothing of
 * PostGIS: the great circle on the sphere of the WGS 84 mean radius for the distance between two
 * points, the nearest point of a great-circle arc for the distance to a line, and plain geometry in
 * longitude/latitude for boxes and the fraction along a line.
 */
public final class Geodesy {

    /**
     * The WGS 84 mean radius, (2a + b) / 3 of its semi-axes: the sphere the API's distances are
     * measured on (README, "Distances").
     */
    public static final double RADIUS_METRES = (2 * 6_378_137.0 + 6_356_752.314245) / 3;

    private Geodesy() {}

    /** A point as (longitude, latitude) in degrees. */
    public record Point(double longitude, double latitude) {}

    /** Great-circle metres between two points on the sphere of {@link #RADIUS_METRES}. */
    public static double sphereMetres(Point from, Point to) {
        return RADIUS_METRES * angle(vector(from), vector(to));
    }

    /**
     * Great-circle metres from a point to a line whose segments are great-circle arcs: to each arc's
     * nearest point to it, the least of them.
     */
    public static double metresToLine(Point point, List<Point> line) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < line.size(); i++) {
            best = Math.min(best, sphereMetres(point, nearestOnArc(point, line.get(i), line.get(i + 1))));
        }
        return best;
    }

    private static Point nearestOnArc(Point p, Point a, Point b) {
        double[] pv = vector(p), av = vector(a), bv = vector(b);
        double[] normal = cross(av, bv);
        double length = norm(normal);
        if (length < 1e-15) {
            return angle(pv, av) <= angle(pv, bv) ? a : b;
        }
        normal = scale(normal, 1 / length);
        double[] projected = subtract(pv, scale(normal, dot(pv, normal)));
        double projectedLength = norm(projected);
        if (projectedLength > 1e-15) {
            double[] c = scale(projected, 1 / projectedLength);
            // On the arc when it lies between a and b: the angles a-c and c-b add up to a-b.
            if (Math.abs(angle(av, c) + angle(c, bv) - angle(av, bv)) < 1e-12) {
                return point(c);
            }
        }
        return angle(pv, av) <= angle(pv, bv) ? a : b;
    }

    /** Where along the line, from 0 to 1, its nearest point to {@code p} lies, in plain longitude/latitude. */
    public static double fractionAlong(Point p, List<Point> line) {
        return fractionsAlong(p, line).get(0);
    }

    /**
     * Every place along the line where it comes nearest to the point, as fractions, first to last.
     * A line that passes the same spot twice (a street driven out and back) has two, and which one
     * PostGIS names is then a matter of rounding: both are right.
     */
    public static List<Double> fractionsAlong(Point p, List<Point> line) {
        double total = 0;
        for (int i = 0; i + 1 < line.size(); i++) {
            total += planar(line.get(i), line.get(i + 1));
        }
        double[] distances = new double[Math.max(0, line.size() - 1)];
        double[] along = new double[distances.length];
        double before = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < line.size(); i++) {
            Point a = line.get(i), b = line.get(i + 1);
            double dx = b.longitude() - a.longitude(), dy = b.latitude() - a.latitude();
            double squared = dx * dx + dy * dy;
            double t = squared == 0
                    ? 0
                    : Math.max(
                            0,
                            Math.min(
                                    1,
                                    ((p.longitude() - a.longitude()) * dx + (p.latitude() - a.latitude()) * dy)
                                            / squared));
            double x = a.longitude() + t * dx, y = a.latitude() + t * dy;
            distances[i] = Math.hypot(p.longitude() - x, p.latitude() - y);
            along[i] = before + t * Math.sqrt(squared);
            bestDistance = Math.min(bestDistance, distances[i]);
            before += Math.sqrt(squared);
        }
        List<Double> fractions = new ArrayList<>();
        for (int i = 0; i < distances.length; i++) {
            // Equal up to rounding: a picometre of a degree.
            if (distances[i] <= bestDistance + 1e-12) {
                fractions.add(total == 0 ? 0 : along[i] / total);
            }
        }
        return fractions.isEmpty() ? List.of(0.0) : fractions;
    }

    /** Whether a line in longitude/latitude meets the box (touching counts). */
    public static boolean crosses(List<Point> line, double west, double south, double east, double north) {
        for (int i = 0; i + 1 < line.size(); i++) {
            if (segmentMeetsBox(line.get(i), line.get(i + 1), west, south, east, north)) {
                return true;
            }
        }
        return false;
    }

    /** Liang-Barsky clipping: the segment meets the box when some part of it survives. */
    private static boolean segmentMeetsBox(Point a, Point b, double west, double south, double east, double north) {
        double dx = b.longitude() - a.longitude(), dy = b.latitude() - a.latitude();
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {a.longitude() - west, east - a.longitude(), a.latitude() - south, north - a.latitude()};
        double t0 = 0, t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 <= t1;
    }

    private static double planar(Point a, Point b) {
        return Math.hypot(b.longitude() - a.longitude(), b.latitude() - a.latitude());
    }

    private static double[] vector(Point p) {
        double lat = Math.toRadians(p.latitude()), lon = Math.toRadians(p.longitude());
        return new double[] {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
    }

    private static Point point(double[] v) {
        return new Point(
                Math.toDegrees(Math.atan2(v[1], v[0])), Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, v[2])))));
    }

    private static double angle(double[] u, double[] v) {
        return Math.atan2(norm(cross(u, v)), dot(u, v));
    }

    private static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    private static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double[] scale(double[] v, double factor) {
        return new double[] {v[0] * factor, v[1] * factor, v[2] * factor};
    }

    private static double[] subtract(double[] u, double[] v) {
        return new double[] {u[0] - v[0], u[1] - v[1], u[2] - v[2]};
    }
}
