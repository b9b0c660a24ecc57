package io.haulstream.benchmark.city;

import io.haulstream.events.BinStatus;
import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteType;
import io.haulstream.events.WasteStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A waste-collection city laid over Berlin, the same for the same seed and day: haulers, customers
 * at street addresses clustered in real neighbourhoods, their bins next to the door, routes that
 * sweep the streets of one neighbourhood with their hauler's bins as ordered stops, and weeks of
 * service history on each route's service day.
 *
 * <p>Only compact arrays are kept (ids are derived from the seed, never stored), so the full size
 * fits in a few hundred megabytes; the events themselves are made again on every
 * {@link #forEachEvent} call, in the same order and with the same values.
 *
 * <p>Instances are immutable after {@link #generate} and safe to share between threads. The city is
 * made in parts, in this order, all drawing from one {@link Random} of the seed: the
 * {@link Population}, the {@link RouteNetwork} over it (with each route's {@link StreetSweep}), and
 * the {@link History} of service on those routes, which an {@link Emission} turns into events.
 * Ids and times come from {@link Seeded} hash streams instead of the {@code Random}.
 */
public final class City {

    /**
     * The order events are published in. Each aggregate's events are emitted with sequence 0, 1,
     * 2, ... in order; across aggregates the projectors may see events in any order (other
     * partitions), so a loader that wants one phase projected before the next starts can wait at
     * each boundary.
     */
    public enum Phase {
        ORGANIZATIONS,
        CUSTOMERS,
        /** {@code BinPlaced} of every bin. */
        BINS,
        /** {@code RouteCreated} of every route, then each route's {@code BinAssignedToRoute} in stop order. */
        ROUTES,
        /** Route activations and suspensions, and bin status changes, from before the history starts. */
        STATUSES,
        /** Day by day in time order: route runs, {@code BinServiced}, fill levels from sensors. */
        HISTORY
    }

    /** Working hours, service days and "today" are Berlin's. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    static final int MAX_ROUTE_VERTICES = 60;

    /** The command side's {@code Route.MAX_STOPS}: a bulk-loaded route must be one the API could have built. */
    static final int MAX_STOPS = 2_000;

    private static final RouteStatus[] ROUTE_STATUSES = RouteStatus.values();

    private final CitySize size;
    private final Seeded seeded;
    private final Days days;
    private final Population population;
    private final RouteNetwork routes;
    private final History history;

    // What the accessors report after all events: kept from the first pass, which runs anyway to count them.
    private final byte[] binFill;
    private final byte[] routeFinalStatus;
    private final long eventCount;

    private City(CitySize size, long seed, LocalDate today) {
        this.size = size;
        this.seeded = new Seeded(seed);
        this.days = Days.of(size, today);
        Random random = new Random(seed);
        population = new Population(size, seeded, days.start(), random);
        routes = new RouteNetwork(size, seeded, population, days, random);
        history = new History(size, seeded, days, population, routes);
        Emission first = new Emission(seeded, days, population, routes, history, event -> {});
        first.all();
        if (first.services != size.serviceEvents()) {
            throw new IllegalStateException(
                    "generated " + first.services + " service events instead of " + size.serviceEvents());
        }
        binFill = first.fill;
        routeFinalStatus = first.routeStatus;
        eventCount = first.events;
    }

    /** A city whose history ends today in Berlin: the same for the same seed on the same day. */
    public static City generate(CitySize size, long seed) {
        return generate(size, seed, LocalDate.now(ZONE));
    }

    /**
     * @param today the last day of the service history; today's routes run from 06:00 Berlin time,
     *     so some of today's events may lie a few hours after the moment of the run
     * @throws IllegalArgumentException if the routes cannot hold {@code size.serviceEvents()}
     *     services in {@code size.days()} days (each active stop is serviced at most once per run)
     */
    public static City generate(CitySize size, long seed, LocalDate today) {
        return new City(size, seed, today);
    }

    /**
     * Emits every event of the city, each aggregate's with sequence 0, 1, 2, ... in order, phase
     * by phase (see {@link Phase}); the history phase is in time order. The same events in the same
     * order on every call.
     */
    public void forEachEvent(Consumer<GeneratedEvent> sink) {
        new Emission(seeded, days, population, routes, history, sink).all();
    }

    // ---------------------------------------------------------------- the whole city

    public CitySize size() {
        return size;
    }

    public long seed() {
        return seeded.seed();
    }

    /** The last day of the service history. */
    public LocalDate today() {
        return days.today();
    }

    public LocalDate firstDayOfHistory() {
        return days.first();
    }

    /** How many events {@link #forEachEvent} emits. */
    public long eventCount() {
        return eventCount;
    }

    public long serviceEventCount() {
        return size.serviceEvents();
    }

    /** Bins that are a stop of some route. */
    public int assignedBinCount() {
        return routes.assignedBins;
    }

    /** A place within 100 m of a bin picked at random, so radius and nearest queries land where bins are dense. */
    public double[] randomPointNearBins(Random random) {
        int bin = random.nextInt(population.binCustomer.length);
        double distance = random.nextDouble() * 100;
        double angle = random.nextDouble() * 2 * Math.PI;
        double lat = population.binLatitude[bin];
        double lon = population.binLongitude[bin]
                + distance * Math.cos(angle) / (Berlin.METRES_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians(lat)));
        return new double[] {
            Seeded.round7(lon), Seeded.round7(lat + distance * Math.sin(angle) / Berlin.METRES_PER_DEGREE_LATITUDE)
        };
    }

    // ---------------------------------------------------------------- organizations

    public int organizationCount() {
        return population.organizationIds.length;
    }

    public List<String> organizationIds() {
        return List.of(population.organizationIds);
    }

    public String organizationId(int organization) {
        return population.organizationIds[organization];
    }

    public String organizationName(int organization) {
        return population.organizationNames[organization];
    }

    public Instant organizationRegisteredAt(int organization) {
        return population.organizationRegisteredAt(organization);
    }

    // ---------------------------------------------------------------- customers

    public int customerCount() {
        return population.customerOrganization.length;
    }

    public String customerId(int customer) {
        return population.customerId(customer);
    }

    public int customerOrganization(int customer) {
        return population.customerOrganization[customer];
    }

    public String customerName(int customer) {
        return population.customerName[customer];
    }

    public String customerAddress(int customer) {
        return population.customerAddress[customer];
    }

    public double customerLongitude(int customer) {
        return population.customerLongitude[customer];
    }

    public double customerLatitude(int customer) {
        return population.customerLatitude[customer];
    }

    public Instant customerRegisteredAt(int customer) {
        return population.customerRegisteredAt(customer);
    }

    // ---------------------------------------------------------------- bins

    public int binCount() {
        return population.binCustomer.length;
    }

    public int randomBin(Random random) {
        return random.nextInt(population.binCustomer.length);
    }

    public String binId(int bin) {
        return population.binId(bin);
    }

    public int binCustomer(int bin) {
        return population.binCustomer[bin];
    }

    public int binOrganization(int bin) {
        return population.binOrganization(bin);
    }

    public String binOrganizationId(int bin) {
        return population.binOrganizationId(bin);
    }

    /** The hauler's label on the container: unique within its organization, as the command side requires. */
    public String binTag(int bin) {
        return population.binTag(bin);
    }

    public ContainerType binContainerType(int bin) {
        return population.binContainerType(bin);
    }

    public WasteStream binWasteStream(int bin) {
        return population.binWasteStream(bin);
    }

    public int binCapacityLitres(int bin) {
        return population.binCapacity[bin];
    }

    /** The status after all events: statuses only change before the history starts. */
    public BinStatus binStatus(int bin) {
        return population.binStatus(bin);
    }

    /**
     * The fill level after all events, as the read model keeps it (a sensor report, or 0 after the
     * bin was emptied); null if neither ever happened.
     */
    public Integer binFillPercent(int bin) {
        return binFill[bin] < 0 ? null : (int) binFill[bin];
    }

    public double binLongitude(int bin) {
        return population.binLongitude[bin];
    }

    public double binLatitude(int bin) {
        return population.binLatitude[bin];
    }

    /** @return the route the bin is a stop of, or -1 */
    public int binRoute(int bin) {
        return routes.binRoute[bin];
    }

    public Instant binPlacedAt(int bin) {
        return population.binPlacedAt(bin);
    }

    // ---------------------------------------------------------------- routes

    public int routeCount() {
        return routes.routeIds.length;
    }

    public int randomRoute(Random random) {
        return random.nextInt(routes.routeIds.length);
    }

    public List<String> routeIds() {
        return List.of(routes.routeIds);
    }

    public String routeId(int route) {
        return routes.routeIds[route];
    }

    public int routeOrganization(int route) {
        return routes.routeOrganization[route];
    }

    public String routeOrganizationId(int route) {
        return routes.routeOrganizationId(route);
    }

    public String routeName(int route) {
        return routes.routeName[route];
    }

    public RouteType routeType(int route) {
        return routes.routeType(route);
    }

    public DayOfWeek routeServiceDay(int route) {
        return routes.routeServiceDay(route);
    }

    public String routeTerritory(int route) {
        return routes.routeTerritory[route];
    }

    /** The status after all events. */
    public RouteStatus routeStatus(int route) {
        return ROUTE_STATUSES[routeFinalStatus[route]];
    }

    public List<GeoPoint> routePath(int route) {
        return routes.routePath(route);
    }

    /** The route's stops in driving order, as bin numbers. */
    public int[] routeStops(int route) {
        return routes.routeStops[route].clone();
    }

    public int routeStopCount(int route) {
        return routes.routeStops[route].length;
    }

    public Instant routeCreatedAt(int route) {
        return routes.routeCreatedAt(route);
    }
}
