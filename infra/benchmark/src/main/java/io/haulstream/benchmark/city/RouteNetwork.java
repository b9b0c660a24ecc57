package io.haulstream.benchmark.city;

import static io.haulstream.benchmark.city.Days.DAY;
import static io.haulstream.benchmark.city.Seeded.indices;
import static io.haulstream.benchmark.city.Seeded.label;

import io.haulstream.benchmark.city.Berlin.Neighbourhood;
import io.haulstream.events.BinStatus;
import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.RouteType;
import io.haulstream.events.WasteStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The routes planned over the population: each hauler's bins grouped by neighbourhood and kind of
 * collection, tiled into compact patches with one route each, a service day per route and a plan
 * for when in the history it runs. Which bin is a stop of which route is kept here too, because
 * only planning decides it.
 */
final class RouteNetwork {

    static final RouteType[] ROUTE_TYPES = RouteType.values();

    // A route's plan for the history; the history turns it into status changes and runs.
    static final byte RUNNING = 0;
    static final byte NEVER_ACTIVATED = 1;
    static final byte SUSPENDED_EARLY = 2;
    static final int BEFORE_HISTORY = -1;
    static final int NO_SUSPENSION = Integer.MAX_VALUE;

    private final CitySize size;
    private final Seeded seeded;
    private final Population population;
    private final long historyStart;
    private final byte[] dayOfWeek;

    final String[] routeIds;
    final int[] routeOrganization;
    final byte[] routeNeighbourhood;
    final byte[] routeType;
    /** The {@link DayOfWeek} value of the route's service day. */
    final byte[] routeDay;
    /** {@link #RUNNING}, {@link #NEVER_ACTIVATED} or {@link #SUSPENDED_EARLY}. */
    final byte[] routePlan;

    final String[] routeName;
    final String[] routeTerritory;
    /** Longitude, latitude, longitude, latitude, ... */
    final double[][] routePath;

    final int[][] routeStops;
    /** How many of the route's stops are active bins: the services one run can do. */
    final int[] routeServiceable;
    /** The history day the route is activated on, or {@link #BEFORE_HISTORY}. */
    final int[] routeActivateDay;
    /** The history day the route is suspended after its run, or {@link #NO_SUSPENSION}. */
    final int[] routeSuspendDay;
    /** Per bin, the route it is a stop of, or -1. */
    final int[] binRoute;
    /** Indexed by {@link DayOfWeek} value (0 is empty), so a day's routes are found without a scan. */
    final int[][] routesByDay;

    int assignedBins;

    /** Draws from {@code random} after the population did. */
    RouteNetwork(CitySize size, Seeded seeded, Population population, Days days, Random random) {
        this.size = size;
        this.seeded = seeded;
        this.population = population;
        this.historyStart = days.start();
        this.dayOfWeek = days.dayOfWeek();
        int count = size.routes();
        routeIds = new String[count];
        routeOrganization = new int[count];
        routeNeighbourhood = new byte[count];
        routeType = new byte[count];
        routeDay = new byte[count];
        routePlan = new byte[count];
        routeName = new String[count];
        routeTerritory = new String[count];
        routePath = new double[count][];
        routeStops = new int[count][];
        routeServiceable = new int[count];
        routeActivateDay = new int[count];
        routeSuspendDay = new int[count];
        binRoute = new int[size.bins()];
        Arrays.fill(binRoute, -1);
        planRoutes(random);
        routesByDay = byServiceDay();
    }

    String routeOrganizationId(int route) {
        return population.organizationIds[routeOrganization[route]];
    }

    RouteType routeType(int route) {
        return ROUTE_TYPES[routeType[route]];
    }

    DayOfWeek routeServiceDay(int route) {
        return DayOfWeek.of(routeDay[route]);
    }

    List<GeoPoint> routePath(int route) {
        double[] path = routePath[route];
        List<GeoPoint> points = new ArrayList<>(path.length / 2);
        for (int i = 0; i < path.length; i += 2) {
            points.add(new GeoPoint(path[i], path[i + 1]));
        }
        return List.copyOf(points);
    }

    Instant routeCreatedAt(int route) {
        return Instant.ofEpochSecond(historyStart - 35 * DAY + seeded.hashBelow(Seeded.ROUTE_TIME, route, 3 * DAY));
    }

    /**
     * Splits each hauler's routable bins by neighbourhood and route type into cells, gives each
     * cell routes in proportion to its bins, and tiles each cell so that a route covers a compact
     * patch of streets.
     */
    private void planRoutes(Random random) {
        int neighbourhoods = Berlin.NEIGHBOURHOODS.size();
        int types = ROUTE_TYPES.length;
        int cells = size.organizations() * neighbourhoods * types;
        int bins = population.binCustomer.length;
        int[] cellOf = new int[bins];
        int[] cellStart = new int[cells + 1];
        long routable = 0;
        for (int bin = 0; bin < bins; bin++) {
            cellOf[bin] = cellOf(bin, random, neighbourhoods, types);
            if (cellOf[bin] >= 0) {
                cellStart[cellOf[bin] + 1]++;
                routable++;
            }
        }
        for (int cell = 0; cell < cells; cell++) {
            cellStart[cell + 1] += cellStart[cell];
        }
        int[] cellBins = new int[(int) routable];
        int[] fill = Arrays.copyOf(cellStart, cells);
        for (int bin = 0; bin < bins; bin++) {
            if (cellOf[bin] >= 0) {
                cellBins[fill[cellOf[bin]]++] = bin;
            }
        }
        int[] cellRoutes = allocateRoutes(cellStart, routable);

        int count = size.routes();
        int route = 0;
        for (int cell = 0; cell < cells; cell++) {
            int routesHere = cellRoutes[cell];
            if (routesHere == 0) {
                continue;
            }
            int org = cell / (neighbourhoods * types);
            int neighbourhood = (cell / types) % neighbourhoods;
            int type = cell % types;
            Neighbourhood nb = Berlin.NEIGHBOURHOODS.get(neighbourhood);
            int[] members = Arrays.copyOfRange(cellBins, cellStart[cell], cellStart[cell + 1]);
            double[] xs = new double[members.length];
            double[] ys = new double[members.length];
            for (int i = 0; i < members.length; i++) {
                xs[i] = nb.xOf(population.binLongitude[members[i]], population.binLatitude[members[i]]);
                ys[i] = nb.yOf(population.binLongitude[members[i]], population.binLatitude[members[i]]);
            }
            // Strips across x, each cut along y into as many patches as it has routes.
            int n = members.length;
            int strips = Math.max(1, (int) Math.round(Math.sqrt(routesHere)));
            Integer[] byX = indices(n);
            Arrays.sort(byX, Comparator.comparingDouble(i -> xs[i]));
            long routesBefore = 0;
            int ordinal = 0;
            for (int strip = 0; strip < strips; strip++) {
                int routesInStrip = routesHere / strips + (strip < routesHere % strips ? 1 : 0);
                int from = (int) (n * routesBefore / routesHere);
                routesBefore += routesInStrip;
                int to = (int) (n * routesBefore / routesHere);
                Integer[] byY = Arrays.copyOfRange(byX, from, to);
                Arrays.sort(byY, Comparator.comparingDouble(i -> ys[i]));
                int m = byY.length;
                for (int patch = 0; patch < routesInStrip; patch++) {
                    int a = (int) ((long) m * patch / routesInStrip);
                    int z = (int) ((long) m * (patch + 1) / routesInStrip);
                    int[] stops = new int[z - a];
                    double[] px = new double[z - a];
                    double[] py = new double[z - a];
                    for (int j = a; j < z; j++) {
                        stops[j - a] = members[byY[j]];
                        px[j - a] = xs[byY[j]];
                        py[j - a] = ys[byY[j]];
                    }
                    createRoute(route++, org, neighbourhood, type, ordinal++, stops, px, py, random);
                }
            }
        }
        // More routes than routable bins: the rest are routes without stops yet, as a new route is.
        for (; route < count; route++) {
            int org = route % size.organizations();
            createRoute(
                    route,
                    org,
                    population.organizationNeighbourhoods[org][0],
                    RouteType.RESIDENTIAL.ordinal(),
                    route,
                    new int[0],
                    new double[0],
                    new double[0],
                    random);
        }
    }

    private int[][] byServiceDay() {
        int count = routeDay.length;
        int[][] routesByDay = new int[8][];
        int[] perDay = new int[8];
        for (int r = 0; r < count; r++) {
            perDay[routeDay[r]]++;
        }
        for (int day = 1; day <= 7; day++) {
            routesByDay[day] = new int[perDay[day]];
            perDay[day] = 0;
        }
        routesByDay[0] = new int[0];
        for (int r = 0; r < count; r++) {
            routesByDay[routeDay[r]][perDay[routeDay[r]]++] = r;
        }
        return routesByDay;
    }

    /** @return the bin's (hauler, neighbourhood, route type) cell, or -1 for a bin no route serves */
    private int cellOf(int bin, Random random, int neighbourhoods, int types) {
        BinStatus status = Population.BIN_STATUSES[population.binStatus[bin]];
        if (status == BinStatus.INACTIVE || status == BinStatus.RETIRED) {
            return -1;
        }
        WasteStream stream = Population.WASTE_STREAMS[population.binStream[bin]];
        if (stream == WasteStream.HAZARDOUS) {
            return -1; // collected on call
        }
        if (random.nextDouble() < 0.05) {
            return -1; // on-call customers and bins not yet planned into a route
        }
        ContainerType container = Population.CONTAINER_TYPES[population.binContainer[bin]];
        CustomerKind kind = Population.KINDS[population.customerKind[population.binCustomer[bin]]];
        RouteType type;
        if (container == ContainerType.ROLL_OFF || container == ContainerType.COMPACTOR) {
            type = RouteType.ROLL_OFF;
        } else if (stream == WasteStream.RECYCLING || stream == WasteStream.GLASS) {
            type = RouteType.RECYCLING;
        } else if (kind == CustomerKind.BUSINESS || kind == CustomerKind.RESTAURANT) {
            type = RouteType.COMMERCIAL;
        } else {
            type = RouteType.RESIDENTIAL;
        }
        int customer = population.binCustomer[bin];
        return (population.customerOrganization[customer] * neighbourhoods + population.customerNeighbourhood[customer])
                        * types
                + type.ordinal();
    }

    /** Largest remainder, never more routes in a cell than it has bins, so every route gets a stop. */
    private int[] allocateRoutes(int[] cellStart, long routable) {
        int cells = cellStart.length - 1;
        int[] routes = new int[cells];
        if (routable == 0) {
            return routes;
        }
        double[] remainder = new double[cells];
        long given = 0;
        for (int cell = 0; cell < cells; cell++) {
            int bins = cellStart[cell + 1] - cellStart[cell];
            double quota = (double) size.routes() * bins / routable;
            routes[cell] = (int) Math.min(Math.floor(quota), bins);
            remainder[cell] = quota - routes[cell];
            given += routes[cell];
        }
        Integer[] order = indices(cells);
        Arrays.sort(order, Comparator.comparingDouble(cell -> -remainder[cell]));
        boolean progress = true;
        while (given < size.routes() && progress) {
            progress = false;
            for (int cell : order) {
                if (given == size.routes()) {
                    break;
                }
                if (routes[cell] < cellStart[cell + 1] - cellStart[cell]) {
                    routes[cell]++;
                    given++;
                    progress = true;
                }
            }
        }
        return routes;
    }

    private void createRoute(
            int route,
            int org,
            int neighbourhood,
            int type,
            int ordinal,
            int[] bins,
            double[] xs,
            double[] ys,
            Random random) {
        Neighbourhood nb = Berlin.NEIGHBOURHOODS.get(neighbourhood);
        RouteType routeTypeNow = ROUTE_TYPES[type];
        DayOfWeek day = routeTypeNow == RouteType.COMMERCIAL && random.nextDouble() < 0.1
                ? DayOfWeek.SATURDAY
                : DayOfWeek.of(1 + random.nextInt(5));
        routeIds[route] = seeded.uuid(Seeded.ROUTE_ID, route);
        routeOrganization[route] = org;
        routeNeighbourhood[route] = (byte) neighbourhood;
        routeType[route] = (byte) type;
        routeDay[route] = (byte) day.getValue();
        StreetSweep.Sweep sweep = StreetSweep.layOut(nb, bins, xs, ys);
        routeStops[route] = sweep.stops();
        routePath[route] = sweep.path();
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < xs.length; i++) {
            meanX += xs[i] / xs.length;
            meanY += ys[i] / ys.length;
        }
        routeTerritory[route] = nb.code() + "-" + nb.sectorOf(meanX, meanY);
        routeName[route] = nb.name() + " " + label(routeTypeNow.name()) + " "
                + label(day.name()).substring(0, 3) + " " + (ordinal + 1);
        int serviceable = 0;
        for (int stop : routeStops[route]) {
            binRoute[stop] = route;
            serviceable += population.binStatus[stop] == Population.ACTIVE_BIN ? 1 : 0;
        }
        assignedBins += routeStops[route].length;
        routeServiceable[route] = serviceable;
        routeActivateDay[route] = BEFORE_HISTORY;
        routeSuspendDay[route] = NO_SUSPENSION;
        double plan = random.nextDouble();
        if (plan < 0.04) {
            routePlan[route] = NEVER_ACTIVATED;
        } else if (plan < 0.07) {
            routePlan[route] = SUSPENDED_EARLY;
        } else {
            routePlan[route] = RUNNING;
            if (random.nextDouble() < 0.08) {
                routeActivateDay[route] = random.nextInt(size.days());
            }
            if (random.nextDouble() < 0.04) {
                // Suspended after its run on the first service day from a random day on, never on the last day.
                int from = Math.max(random.nextInt(size.days()), routeActivateDay[route] + 1);
                for (int d = from; d < size.days() - 1; d++) {
                    if (dayOfWeek[d] == routeDay[route]) {
                        routeSuspendDay[route] = d;
                        break;
                    }
                }
            }
        }
    }

    /** Whether the route runs on that day of the history; the same answer for generation and counting. */
    boolean runs(int route, int day) {
        return routePlan[route] == RUNNING
                && dayOfWeek[day] == routeDay[route]
                && day > routeActivateDay[route]
                && day <= routeSuspendDay[route];
    }
}
