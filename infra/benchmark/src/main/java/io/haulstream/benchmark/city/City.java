package io.haulstream.benchmark.city;

import io.haulstream.benchmark.city.Berlin.Neighbourhood;
import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatus;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.ContainerType;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.RouteType;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.WasteStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
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
 * <p>Instances are immutable after {@link #generate} and safe to share between threads.
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

    private static final long DAY = 86_400L;
    private static final long HOUR = 3_600L;

    private static final BinStatus[] BIN_STATUSES = BinStatus.values();
    private static final ContainerType[] CONTAINER_TYPES = ContainerType.values();
    private static final WasteStream[] WASTE_STREAMS = WasteStream.values();
    private static final RouteType[] ROUTE_TYPES = RouteType.values();
    private static final RouteStatus[] ROUTE_STATUSES = RouteStatus.values();
    private static final ServiceOutcome[] OUTCOMES = ServiceOutcome.values();
    private static final CustomerKind[] KINDS = CustomerKind.values();
    private static final double[] KIND_CUMULATIVE = cumulative(0.45, 0.25, 0.17, 0.08, 0.05);

    private static final WasteStream[] HOUSE_STREAMS = {
        WasteStream.GENERAL, WasteStream.RECYCLING, WasteStream.ORGANIC, WasteStream.GLASS, WasteStream.RECYCLING
    };
    private static final WasteStream[] APARTMENT_STREAMS = {
        WasteStream.GENERAL, WasteStream.RECYCLING, WasteStream.ORGANIC, WasteStream.GLASS, WasteStream.GENERAL
    };
    private static final WasteStream[] BUSINESS_STREAMS = {
        WasteStream.GENERAL, WasteStream.RECYCLING, WasteStream.GENERAL, WasteStream.RECYCLING, WasteStream.GLASS
    };
    private static final WasteStream[] RESTAURANT_STREAMS = {
        WasteStream.ORGANIC, WasteStream.GENERAL, WasteStream.GLASS, WasteStream.RECYCLING, WasteStream.ORGANIC
    };
    private static final WasteStream[] INDUSTRIAL_STREAMS = {
        WasteStream.GENERAL, WasteStream.RECYCLING, WasteStream.GENERAL, WasteStream.RECYCLING, WasteStream.GENERAL
    };

    private static final byte RUNNING = 0;
    private static final byte NEVER_ACTIVATED = 1;
    private static final byte SUSPENDED_EARLY = 2;
    private static final int BEFORE_HISTORY = -1;
    private static final int NO_SUSPENSION = Integer.MAX_VALUE;

    private static final byte ACTIVE_BIN = (byte) BinStatus.ACTIVE.ordinal();

    // Independent hash streams, so that adding a draw to one never shifts the values of another.
    private static final int ORGANIZATION_ID = 1;
    private static final int CUSTOMER_ID = 2;
    private static final int BIN_ID = 3;
    private static final int ROUTE_ID = 4;
    private static final int CUSTOMER_TIME = 5;
    private static final int BIN_TIME = 6;
    private static final int ROUTE_TIME = 7;
    private static final int STATUS_TIME = 8;
    private static final int SENSOR = 9;
    private static final int SENSOR_TIME = 10;
    private static final int SENSOR_FILL = 11;
    private static final int ROUTE_START = 12;
    private static final int STAYS_OUT = 13;
    private static final int HISTORY = 14;
    private static final int NAMES = 15;
    private static final int ACTIVATION_TIME = 16;
    private static final int UUID_LOW = 1_000;

    private final CitySize size;
    private final long seed;
    private final LocalDate today;
    private final LocalDate firstDay;
    private final long historyStart;
    private final byte[] dayOfWeek;

    private String[] organizationIds;
    private String[] organizationNames;
    private String[] tagPrefixes;
    private int[][] organizationNeighbourhoods;
    private double[][] organizationNeighbourhoodCumulative;

    private int[] customerOrganization;
    private byte[] customerNeighbourhood;
    private byte[] customerKind;
    private double[] customerLongitude;
    private double[] customerLatitude;
    private String[] customerName;
    private String[] customerAddress;

    private int[] binCustomer;
    private double[] binLongitude;
    private double[] binLatitude;
    private byte[] binContainer;
    private byte[] binStream;
    private byte[] binStatus;
    private int[] binCapacity;
    private int[] binRoute;
    private byte[] binFill;
    private int assignedBins;

    private String[] routeIds;
    private int[] routeOrganization;
    private byte[] routeNeighbourhood;
    private byte[] routeType;
    private byte[] routeDay;
    private byte[] routePlan;
    private byte[] routeFinalStatus;
    private String[] routeName;
    private String[] routeTerritory;
    private double[][] routePath;
    private int[][] routeStops;
    private int[] routeServiceable;
    private int[] routeActivateDay;
    private int[] routeSuspendDay;
    private int[][] routesByDay;

    private long serviceSlots;
    private long eventCount;

    private City(CitySize size, long seed, LocalDate today) {
        this.size = size;
        this.seed = seed;
        this.today = today;
        this.firstDay = today.minusDays(size.days() - 1L);
        this.historyStart = firstDay.atStartOfDay(ZONE).toEpochSecond();
        this.dayOfWeek = new byte[size.days()];
        for (int day = 0; day < size.days(); day++) {
            dayOfWeek[day] = (byte) firstDay.plusDays(day).getDayOfWeek().getValue();
        }
        Random random = new Random(seed);
        placeOrganizations(random);
        placeCustomers(random);
        placeBins(random);
        planRoutes(random);
        countServiceSlots();
        Run run = new Run(event -> {});
        run.all();
        if (run.services != size.serviceEvents()) {
            throw new IllegalStateException(
                    "generated " + run.services + " service events instead of " + size.serviceEvents());
        }
        binFill = run.fill;
        routeFinalStatus = run.routeStatus;
        eventCount = run.events;
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
        new Run(sink).all();
    }

    // ---------------------------------------------------------------- the whole city

    public CitySize size() {
        return size;
    }

    public long seed() {
        return seed;
    }

    /** The last day of the service history. */
    public LocalDate today() {
        return today;
    }

    public LocalDate firstDayOfHistory() {
        return firstDay;
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
        return assignedBins;
    }

    /** A place within 100 m of a bin picked at random, so radius and nearest queries land where bins are dense. */
    public double[] randomPointNearBins(Random random) {
        int bin = random.nextInt(binCustomer.length);
        double distance = random.nextDouble() * 100;
        double angle = random.nextDouble() * 2 * Math.PI;
        double lat = binLatitude[bin];
        double lon = binLongitude[bin]
                + distance * Math.cos(angle) / (Berlin.METRES_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians(lat)));
        return new double[] {round7(lon), round7(lat + distance * Math.sin(angle) / Berlin.METRES_PER_DEGREE_LATITUDE)};
    }

    // ---------------------------------------------------------------- organizations

    public int organizationCount() {
        return organizationIds.length;
    }

    public List<String> organizationIds() {
        return List.of(organizationIds);
    }

    public String organizationId(int organization) {
        return organizationIds[organization];
    }

    public String organizationName(int organization) {
        return organizationNames[organization];
    }

    public Instant organizationRegisteredAt(int organization) {
        return Instant.ofEpochSecond(historyStart - 500 * DAY + organization * HOUR);
    }

    // ---------------------------------------------------------------- customers

    public int customerCount() {
        return customerOrganization.length;
    }

    public String customerId(int customer) {
        return uuid(CUSTOMER_ID, customer);
    }

    public int customerOrganization(int customer) {
        return customerOrganization[customer];
    }

    public String customerName(int customer) {
        return customerName[customer];
    }

    public String customerAddress(int customer) {
        return customerAddress[customer];
    }

    public double customerLongitude(int customer) {
        return customerLongitude[customer];
    }

    public double customerLatitude(int customer) {
        return customerLatitude[customer];
    }

    public Instant customerRegisteredAt(int customer) {
        return Instant.ofEpochSecond(historyStart - 450 * DAY + hashBelow(CUSTOMER_TIME, customer, 380 * DAY));
    }

    // ---------------------------------------------------------------- bins

    public int binCount() {
        return binCustomer.length;
    }

    public int randomBin(Random random) {
        return random.nextInt(binCustomer.length);
    }

    public String binId(int bin) {
        return uuid(BIN_ID, bin);
    }

    public int binCustomer(int bin) {
        return binCustomer[bin];
    }

    public int binOrganization(int bin) {
        return customerOrganization[binCustomer[bin]];
    }

    public String binOrganizationId(int bin) {
        return organizationIds[binOrganization(bin)];
    }

    /** The hauler's label on the container: unique within its organization, as the command side requires. */
    public String binTag(int bin) {
        return tagPrefixes[binOrganization(bin)] + "-" + padded(bin, 7);
    }

    public ContainerType binContainerType(int bin) {
        return CONTAINER_TYPES[binContainer[bin]];
    }

    public WasteStream binWasteStream(int bin) {
        return WASTE_STREAMS[binStream[bin]];
    }

    public int binCapacityLitres(int bin) {
        return binCapacity[bin];
    }

    /** The status after all events: statuses only change before the history starts. */
    public BinStatus binStatus(int bin) {
        return BIN_STATUSES[binStatus[bin]];
    }

    /**
     * The fill level after all events, as the read model keeps it (a sensor report, or 0 after the
     * bin was emptied); null if neither ever happened.
     */
    public Integer binFillPercent(int bin) {
        return binFill[bin] < 0 ? null : (int) binFill[bin];
    }

    public double binLongitude(int bin) {
        return binLongitude[bin];
    }

    public double binLatitude(int bin) {
        return binLatitude[bin];
    }

    /** @return the route the bin is a stop of, or -1 */
    public int binRoute(int bin) {
        return binRoute[bin];
    }

    public Instant binPlacedAt(int bin) {
        return Instant.ofEpochSecond(
                customerRegisteredAt(binCustomer[bin]).getEpochSecond() + hashBelow(BIN_TIME, bin, 30 * DAY));
    }

    // ---------------------------------------------------------------- routes

    public int routeCount() {
        return routeIds.length;
    }

    public int randomRoute(Random random) {
        return random.nextInt(routeIds.length);
    }

    public List<String> routeIds() {
        return List.of(routeIds);
    }

    public String routeId(int route) {
        return routeIds[route];
    }

    public int routeOrganization(int route) {
        return routeOrganization[route];
    }

    public String routeOrganizationId(int route) {
        return organizationIds[routeOrganization[route]];
    }

    public String routeName(int route) {
        return routeName[route];
    }

    public RouteType routeType(int route) {
        return ROUTE_TYPES[routeType[route]];
    }

    public DayOfWeek routeServiceDay(int route) {
        return DayOfWeek.of(routeDay[route]);
    }

    public String routeTerritory(int route) {
        return routeTerritory[route];
    }

    /** The status after all events. */
    public RouteStatus routeStatus(int route) {
        return ROUTE_STATUSES[routeFinalStatus[route]];
    }

    public List<GeoPoint> routePath(int route) {
        double[] path = routePath[route];
        List<GeoPoint> points = new ArrayList<>(path.length / 2);
        for (int i = 0; i < path.length; i += 2) {
            points.add(new GeoPoint(path[i], path[i + 1]));
        }
        return List.copyOf(points);
    }

    /** The route's stops in driving order, as bin numbers. */
    public int[] routeStops(int route) {
        return routeStops[route].clone();
    }

    public int routeStopCount(int route) {
        return routeStops[route].length;
    }

    public Instant routeCreatedAt(int route) {
        return Instant.ofEpochSecond(historyStart - 35 * DAY + hashBelow(ROUTE_TIME, route, 3 * DAY));
    }

    // ---------------------------------------------------------------- generation

    private void placeOrganizations(Random random) {
        int count = size.organizations();
        int neighbourhoods = Berlin.NEIGHBOURHOODS.size();
        organizationIds = new String[count];
        organizationNames = new String[count];
        tagPrefixes = new String[count];
        organizationNeighbourhoods = new int[count][];
        organizationNeighbourhoodCumulative = new double[count][];
        for (int org = 0; org < count; org++) {
            int round = org / Berlin.HAULER_NAMES.length;
            String base = Berlin.HAULER_NAMES[org % Berlin.HAULER_NAMES.length];
            organizationIds[org] = uuid(ORGANIZATION_ID, org);
            organizationNames[org] = base + (round == 0 ? "" : " " + (round + 1)) + " GmbH";
            tagPrefixes[org] = Berlin.tagPrefix(base);
            // A hauler works a handful of neighbourhoods, the biggest one more than the others.
            int territory = Math.min(neighbourhoods, 3 + random.nextInt(5) + (org == 0 ? 4 : 0));
            boolean[] taken = new boolean[neighbourhoods];
            int[] chosen = new int[territory];
            double[] weights = new double[territory];
            for (int i = 0; i < territory; i++) {
                double total = 0;
                for (int n = 0; n < neighbourhoods; n++) {
                    total += taken[n] ? 0 : Berlin.NEIGHBOURHOODS.get(n).weight();
                }
                double target = random.nextDouble() * total;
                int pick = -1;
                for (int n = 0; n < neighbourhoods; n++) {
                    if (!taken[n]) {
                        pick = n;
                        target -= Berlin.NEIGHBOURHOODS.get(n).weight();
                        if (target < 0) {
                            break;
                        }
                    }
                }
                taken[pick] = true;
                chosen[i] = pick;
                weights[i] = Berlin.NEIGHBOURHOODS.get(pick).weight();
            }
            organizationNeighbourhoods[org] = chosen;
            organizationNeighbourhoodCumulative[org] = cumulative(weights);
        }
    }

    private void placeCustomers(Random random) {
        int count = size.customers();
        int organizations = size.organizations();
        double[] organizationWeights = new double[organizations];
        for (int org = 0; org < organizations; org++) {
            // A few big haulers and a long tail of small ones.
            organizationWeights[org] = 1 / Math.pow(org + 1, 0.7);
        }
        double[] organizationCumulative = cumulative(organizationWeights);
        customerOrganization = new int[count];
        customerNeighbourhood = new byte[count];
        customerKind = new byte[count];
        customerLongitude = new double[count];
        customerLatitude = new double[count];
        customerName = new String[count];
        customerAddress = new String[count];
        for (int customer = 0; customer < count; customer++) {
            int org = customer < organizations ? customer : pick(organizationCumulative, random);
            int neighbourhood = organizationNeighbourhoods[org][pick(organizationNeighbourhoodCumulative[org], random)];
            Neighbourhood nb = Berlin.NEIGHBOURHOODS.get(neighbourhood);
            CustomerKind kind = KINDS[pick(KIND_CUMULATIVE, random)];
            double limit = 2.5 * nb.sigmaMetres();
            double x;
            double y;
            do {
                x = random.nextGaussian() * nb.sigmaMetres();
                y = random.nextGaussian() * nb.sigmaMetres();
            } while (x * x + y * y > limit * limit);
            // Addresses are on streets: snap to the grid, then step back to the building line.
            double block = nb.blockMetres();
            boolean alongX = random.nextBoolean();
            double side = random.nextBoolean() ? 1 : -1;
            double frontage = 7 + random.nextDouble() * 7;
            long line;
            double along;
            if (alongX) {
                line = Math.round(y / block);
                y = line * block + side * frontage;
                along = x;
            } else {
                line = Math.round(x / block);
                x = line * block + side * frontage;
                along = y;
            }
            int house = 2 * (int) ((along + 4_000) / 18) + (side > 0 ? 2 : 1);
            String street = Berlin.streetName(neighbourhood, alongX, line, seed);
            int postcode = nb.postcode() + (x > 0 ? 2 : 0) + (y > 0 ? 4 : 0);
            customerOrganization[customer] = org;
            customerNeighbourhood[customer] = (byte) neighbourhood;
            customerKind[customer] = (byte) kind.ordinal();
            customerLongitude[customer] = round7(nb.longitudeOf(x, y));
            customerLatitude[customer] = round7(nb.latitudeOf(x, y));
            customerName[customer] = Berlin.customerName(kind, hash(NAMES, customer), street, house);
            customerAddress[customer] = street + " " + house + ", " + postcode + " Berlin";
        }
    }

    private void placeBins(Random random) {
        int customers = size.customers();
        int[] perCustomer = new int[customers];
        long total = 0;
        for (int customer = 0; customer < customers; customer++) {
            perCustomer[customer] = switch (KINDS[customerKind[customer]]) {
                case HOUSE, BUSINESS, INDUSTRIAL -> 1 + random.nextInt(3);
                case APARTMENTS -> 3 + random.nextInt(3);
                case RESTAURANT -> 2 + random.nextInt(3);
            };
            total += perCustomer[customer];
        }
        // Nudge single customers until the total is exactly the size's.
        while (total > size.bins()) {
            int customer = random.nextInt(customers);
            if (perCustomer[customer] > 1) {
                perCustomer[customer]--;
                total--;
            }
        }
        while (total < size.bins()) {
            int customer = random.nextInt(customers);
            if (perCustomer[customer] < 5) {
                perCustomer[customer]++;
                total++;
            }
        }
        int count = size.bins();
        binCustomer = new int[count];
        binLongitude = new double[count];
        binLatitude = new double[count];
        binContainer = new byte[count];
        binStream = new byte[count];
        binStatus = new byte[count];
        binCapacity = new int[count];
        binRoute = new int[count];
        Arrays.fill(binRoute, -1);
        int bin = 0;
        for (int customer = 0; customer < customers; customer++) {
            double metresPerDegreeLongitude =
                    Berlin.METRES_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians(customerLatitude[customer]));
            for (int ordinal = 0; ordinal < perCustomer[customer]; ordinal++, bin++) {
                binCustomer[bin] = customer;
                // Next to the door or in the yard, never across the street.
                double distance = 2 + random.nextDouble() * 13;
                double angle = random.nextDouble() * 2 * Math.PI;
                binLongitude[bin] =
                        round7(customerLongitude[customer] + distance * Math.cos(angle) / metresPerDegreeLongitude);
                binLatitude[bin] = round7(
                        customerLatitude[customer] + distance * Math.sin(angle) / Berlin.METRES_PER_DEGREE_LATITUDE);
                equip(bin, KINDS[customerKind[customer]], ordinal, random);
                double status = random.nextDouble();
                BinStatus binStatusNow = status < 0.025
                        ? BinStatus.INACTIVE
                        : status < 0.04 ? BinStatus.MAINTENANCE : status < 0.045 ? BinStatus.RETIRED : BinStatus.ACTIVE;
                binStatus[bin] = (byte) binStatusNow.ordinal();
            }
        }
    }

    private void equip(int bin, CustomerKind kind, int ordinal, Random random) {
        WasteStream stream;
        ContainerType container;
        int capacity;
        switch (kind) {
            case HOUSE -> {
                stream = HOUSE_STREAMS[ordinal];
                container = ContainerType.CART;
                boolean small = stream == WasteStream.ORGANIC || stream == WasteStream.GENERAL && random.nextBoolean();
                capacity = small ? 120 : 240;
            }
            case APARTMENTS -> {
                stream = APARTMENT_STREAMS[ordinal];
                if (random.nextDouble() < 0.75) {
                    container = ContainerType.REAR_LOAD;
                    capacity = random.nextBoolean() ? 660 : 1_100;
                } else {
                    container = ContainerType.CART;
                    capacity = 240;
                }
            }
            case BUSINESS -> {
                stream = BUSINESS_STREAMS[ordinal];
                if (random.nextDouble() < 0.6) {
                    container = ContainerType.FRONT_LOAD;
                    capacity = new int[] {2_300, 3_000, 4_500}[random.nextInt(3)];
                } else {
                    container = ContainerType.REAR_LOAD;
                    capacity = 1_100;
                }
            }
            case RESTAURANT -> {
                stream = RESTAURANT_STREAMS[ordinal];
                if (random.nextBoolean()) {
                    container = ContainerType.CART;
                    capacity = 240;
                } else {
                    container = ContainerType.REAR_LOAD;
                    capacity = 660;
                }
            }
            default -> {
                stream = INDUSTRIAL_STREAMS[ordinal];
                if (ordinal == 2 && random.nextDouble() < 0.3) {
                    stream = WasteStream.HAZARDOUS;
                    container = ContainerType.CART;
                    capacity = 240;
                } else if (random.nextDouble() < 0.55) {
                    container = ContainerType.ROLL_OFF;
                    capacity = new int[] {7_600, 15_300, 22_900, 30_600}[random.nextInt(4)];
                } else {
                    container = ContainerType.COMPACTOR;
                    capacity = new int[] {15_000, 20_000, 30_000}[random.nextInt(3)];
                }
            }
        }
        binStream[bin] = (byte) stream.ordinal();
        binContainer[bin] = (byte) container.ordinal();
        binCapacity[bin] = capacity;
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
        int bins = binCustomer.length;
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
                xs[i] = nb.xOf(binLongitude[members[i]], binLatitude[members[i]]);
                ys[i] = nb.yOf(binLongitude[members[i]], binLatitude[members[i]]);
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
                    organizationNeighbourhoods[org][0],
                    RouteType.RESIDENTIAL.ordinal(),
                    route,
                    new int[0],
                    new double[0],
                    new double[0],
                    random);
        }
        routesByDay = new int[8][];
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
    }

    /** @return the bin's (hauler, neighbourhood, route type) cell, or -1 for a bin no route serves */
    private int cellOf(int bin, Random random, int neighbourhoods, int types) {
        BinStatus status = BIN_STATUSES[binStatus[bin]];
        if (status == BinStatus.INACTIVE || status == BinStatus.RETIRED) {
            return -1;
        }
        WasteStream stream = WASTE_STREAMS[binStream[bin]];
        if (stream == WasteStream.HAZARDOUS) {
            return -1; // collected on call
        }
        if (random.nextDouble() < 0.05) {
            return -1; // on-call customers and bins not yet planned into a route
        }
        ContainerType container = CONTAINER_TYPES[binContainer[bin]];
        CustomerKind kind = KINDS[customerKind[binCustomer[bin]]];
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
        int customer = binCustomer[bin];
        return (customerOrganization[customer] * neighbourhoods + customerNeighbourhood[customer]) * types
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
        routeIds[route] = uuid(ROUTE_ID, route);
        routeOrganization[route] = org;
        routeNeighbourhood[route] = (byte) neighbourhood;
        routeType[route] = (byte) type;
        routeDay[route] = (byte) day.getValue();
        layOut(route, nb, bins, xs, ys);
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
            serviceable += binStatus[stop] == ACTIVE_BIN ? 1 : 0;
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

    /**
     * Drives the patch street by street: along every street (band) that has stops, alternating
     * direction, crossing to the next one on a side street. Vertices are street corners, plus
     * intersections along the way while the route stays within {@link #MAX_ROUTE_VERTICES}.
     */
    private void layOut(int route, Neighbourhood nb, int[] bins, double[] xs, double[] ys) {
        double block = nb.blockMetres();
        int n = bins.length;
        if (n == 0) {
            routeStops[route] = new int[0];
            routePath[route] = toPath(nb, List.of(new double[] {0, 0}, new double[] {block, 0}));
            return;
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
        routeStops[route] = stops;

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
        routePath[route] = toPath(nb, path);
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

    private void countServiceSlots() {
        long slots = 0;
        for (int day = 0; day < size.days(); day++) {
            for (int route : routesByDay[dayOfWeek[day]]) {
                if (runs(route, day)) {
                    slots += routeServiceable[route];
                }
            }
        }
        serviceSlots = slots;
        if (slots < size.serviceEvents()) {
            throw new IllegalArgumentException("the " + size.name() + " city's routes have room for " + slots
                    + " services in " + size.days() + " days (each active stop once per run), not "
                    + size.serviceEvents() + ": give it more bins, routes or days");
        }
    }

    /** Whether the route runs on that day of the history; the same answer for generation and counting. */
    private boolean runs(int route, int day) {
        return routePlan[route] == RUNNING
                && dayOfWeek[day] == routeDay[route]
                && day > routeActivateDay[route]
                && day <= routeSuspendDay[route];
    }

    private boolean hasSensor(int bin) {
        return binStatus[bin] == ACTIVE_BIN && hashBelow(SENSOR, bin, 100) < 25;
    }

    // ---------------------------------------------------------------- emission

    private static final int STATUS = 0;
    private static final int SERVICE = 1;
    private static final int FILL = 2;

    /** Something that happens on a day of the history, before it is sorted into time order. */
    private record Item(long at, int kind, int route, int bin, int value, Double weight, long serial) {}

    /** One pass over the events, keeping the per-aggregate sequences and the state the accessors report. */
    private final class Run {

        final Consumer<GeneratedEvent> sink;
        final int[] binSequence = new int[binCustomer.length];
        final int[] routeSequence = new int[routeIds.length];
        final byte[] routeStatus = new byte[routeIds.length];
        final byte[] fill = new byte[binCustomer.length];
        long events;
        long services;

        Run(Consumer<GeneratedEvent> sink) {
            this.sink = sink;
            Arrays.fill(fill, (byte) -1);
            Arrays.fill(routeStatus, (byte) RouteStatus.PLANNED.ordinal());
        }

        void all() {
            organizations();
            customers();
            bins();
            routes();
            statuses();
            history();
        }

        private void emit(Phase phase, String aggregateId, long sequence, HaulstreamEvent event, Instant at) {
            sink.accept(new GeneratedEvent(aggregateId, sequence, event, at, phase));
            events++;
        }

        private void bin(Phase phase, int bin, HaulstreamEvent event, Instant at) {
            emit(phase, binId(bin), binSequence[bin]++, event, at);
        }

        private void route(Phase phase, int route, HaulstreamEvent event, Instant at) {
            emit(phase, routeIds[route], routeSequence[route]++, event, at);
        }

        private void changeRoute(Phase phase, int route, RouteStatus to, Instant at) {
            RouteStatus from = ROUTE_STATUSES[routeStatus[route]];
            route(phase, route, new RouteStatusChanged(routeIds[route], routeOrganizationId(route), from, to, at), at);
            routeStatus[route] = (byte) to.ordinal();
        }

        private void organizations() {
            for (int org = 0; org < organizationIds.length; org++) {
                Instant at = organizationRegisteredAt(org);
                emit(
                        Phase.ORGANIZATIONS,
                        organizationIds[org],
                        0,
                        new OrganizationRegistered(organizationIds[org], organizationNames[org], at),
                        at);
            }
        }

        private void customers() {
            for (int customer = 0; customer < customerOrganization.length; customer++) {
                Instant at = customerRegisteredAt(customer);
                String id = customerId(customer);
                emit(
                        Phase.CUSTOMERS,
                        id,
                        0,
                        new CustomerRegistered(
                                id,
                                organizationIds[customerOrganization[customer]],
                                customerName[customer],
                                customerAddress[customer],
                                new GeoPoint(customerLongitude[customer], customerLatitude[customer]),
                                at),
                        at);
            }
        }

        private void bins() {
            for (int bin = 0; bin < binCustomer.length; bin++) {
                Instant at = binPlacedAt(bin);
                bin(
                        Phase.BINS,
                        bin,
                        new BinPlaced(
                                binId(bin),
                                binOrganizationId(bin),
                                customerId(binCustomer[bin]),
                                binTag(bin),
                                binContainerType(bin),
                                binWasteStream(bin),
                                binCapacity[bin],
                                new GeoPoint(binLongitude[bin], binLatitude[bin]),
                                at),
                        at);
            }
        }

        private void routes() {
            for (int route = 0; route < routeIds.length; route++) {
                Instant at = routeCreatedAt(route);
                route(
                        Phase.ROUTES,
                        route,
                        new RouteCreated(
                                routeIds[route],
                                routeOrganizationId(route),
                                routeName[route],
                                routeType(route),
                                routeServiceDay(route),
                                routeTerritory[route],
                                routePath(route),
                                at),
                        at);
            }
            for (int route = 0; route < routeIds.length; route++) {
                long created = routeCreatedAt(route).getEpochSecond();
                int[] stops = routeStops[route];
                for (int index = 0; index < stops.length; index++) {
                    Instant at = Instant.ofEpochSecond(created + HOUR + 2L * index);
                    route(
                            Phase.ROUTES,
                            route,
                            new BinAssignedToRoute(
                                    routeIds[route], routeOrganizationId(route), binId(stops[index]), index, at),
                            at);
                }
            }
        }

        private void statuses() {
            for (int route = 0; route < routeIds.length; route++) {
                if (routePlan[route] == RUNNING && routeActivateDay[route] == BEFORE_HISTORY) {
                    long at = historyStart - DAY + 12 * HOUR + hashBelow(ACTIVATION_TIME, route, HOUR);
                    changeRoute(Phase.STATUSES, route, RouteStatus.ACTIVE, Instant.ofEpochSecond(at));
                } else if (routePlan[route] == SUSPENDED_EARLY) {
                    long at = historyStart - 20 * DAY + hashBelow(ACTIVATION_TIME, route, 5 * DAY);
                    changeRoute(Phase.STATUSES, route, RouteStatus.SUSPENDED, Instant.ofEpochSecond(at));
                }
            }
            for (int bin = 0; bin < binCustomer.length; bin++) {
                if (binStatus[bin] != ACTIVE_BIN) {
                    Instant at = Instant.ofEpochSecond(historyStart - 25 * DAY + hashBelow(STATUS_TIME, bin, 20 * DAY));
                    bin(
                            Phase.STATUSES,
                            bin,
                            new BinStatusChanged(
                                    binId(bin), binOrganizationId(bin), BinStatus.ACTIVE, binStatus(bin), at),
                            at);
                }
            }
        }

        /**
         * Each day: activations, then every route that runs that day drives its active stops in order;
         * of all the stop visits of the whole history exactly {@code serviceEvents} become a
         * {@code BinServiced} (selection sampling), so the count is exact and spread evenly. Sensors
         * report once in the last day and a half. The day's events are then emitted in time order.
         */
        private void history() {
            Random random = new Random(mix64(seed ^ 0x5DEECE66DL) ^ HISTORY);
            long slotsLeft = serviceSlots;
            long needed = size.serviceEvents();
            long serial = 0;
            long asOf = today.atTime(18, 0).atZone(ZONE).toEpochSecond();
            List<Item> items = new ArrayList<>();
            for (int day = 0; day < size.days(); day++) {
                items.clear();
                LocalDate date = firstDay.plusDays(day);
                long midnight = date.atStartOfDay(ZONE).toEpochSecond();
                long nextMidnight = date.plusDays(1).atStartOfDay(ZONE).toEpochSecond();
                long six = date.atTime(6, 0).atZone(ZONE).toEpochSecond();
                for (int route = 0; route < routeIds.length; route++) {
                    if (routePlan[route] == RUNNING && routeActivateDay[route] == day) {
                        long at = six - HOUR + hashBelow(ACTIVATION_TIME, route, HOUR / 2);
                        items.add(new Item(at, STATUS, route, -1, RouteStatus.ACTIVE.ordinal(), null, 0));
                    }
                }
                for (int route : routesByDay[dayOfWeek[day]]) {
                    if (!runs(route, day)) {
                        continue;
                    }
                    long t = six + hashBelow(ROUTE_START, route, 90 * 60) + random.nextInt(600);
                    items.add(new Item(t, STATUS, route, -1, RouteStatus.IN_PROGRESS.ordinal(), null, 0));
                    // Long routes move faster from stop to stop, so every run ends in the afternoon.
                    double perStop = Math.min(80.0, 8 * HOUR / (double) Math.max(1, routeServiceable[route]));
                    for (int bin : routeStops[route]) {
                        if (binStatus[bin] != ACTIVE_BIN) {
                            continue;
                        }
                        t += Math.max(1L, Math.round(perStop * (0.5 + random.nextDouble())));
                        boolean serviced = random.nextDouble() * slotsLeft < needed;
                        slotsLeft--;
                        if (serviced) {
                            needed--;
                            ServiceOutcome outcome = outcome(random);
                            items.add(new Item(
                                    t, SERVICE, route, bin, outcome.ordinal(), weight(bin, outcome, random), serial++));
                        }
                    }
                    long end = t + 300 + random.nextInt(900);
                    boolean stillOut = day == size.days() - 1 && hashBelow(STAYS_OUT, route, 10) < 4;
                    if (!stillOut) {
                        items.add(new Item(end, STATUS, route, -1, RouteStatus.COMPLETED.ordinal(), null, 0));
                        if (day == routeSuspendDay[route]) {
                            items.add(
                                    new Item(end + HOUR, STATUS, route, -1, RouteStatus.SUSPENDED.ordinal(), null, 0));
                        }
                    }
                }
                if (day >= size.days() - 2) {
                    for (int bin = 0; bin < binCustomer.length; bin++) {
                        if (hasSensor(bin)) {
                            long at = Math.max(historyStart + HOUR, asOf - 1 - hashBelow(SENSOR_TIME, bin, 36 * HOUR));
                            if (at >= midnight && at < nextMidnight) {
                                double u = (hash(SENSOR_FILL, bin) >>> 11) * 0x1.0p-53;
                                int percent = (int) Math.min(100, Math.sqrt(u) * 105);
                                items.add(new Item(at, FILL, -1, bin, percent, null, 0));
                            }
                        }
                    }
                }
                items.sort(Comparator.comparingLong(Item::at));
                for (Item item : items) {
                    emitHistory(item);
                }
            }
        }

        private void emitHistory(Item item) {
            Instant at = Instant.ofEpochSecond(item.at());
            switch (item.kind()) {
                case STATUS -> changeRoute(Phase.HISTORY, item.route(), ROUTE_STATUSES[item.value()], at);
                case SERVICE -> {
                    ServiceOutcome outcome = OUTCOMES[item.value()];
                    int route = item.route();
                    bin(
                            Phase.HISTORY,
                            item.bin(),
                            new BinServiced(
                                    binId(item.bin()),
                                    binOrganizationId(item.bin()),
                                    routeIds[route],
                                    outcome,
                                    item.weight(),
                                    "truck-" + (100 + route % 900) + ":" + item.serial(),
                                    "truck-" + (100 + route % 900),
                                    at),
                            at);
                    services++;
                    if (outcome == ServiceOutcome.EMPTIED) {
                        fill[item.bin()] = 0;
                    }
                }
                case FILL -> {
                    bin(
                            Phase.HISTORY,
                            item.bin(),
                            new BinFillLevelReported(
                                    binId(item.bin()),
                                    binOrganizationId(item.bin()),
                                    item.value(),
                                    "sensor-" + padded(item.bin(), 7) + ":" + item.at(),
                                    at),
                            at);
                    fill[item.bin()] = (byte) item.value();
                }
                default -> throw new IllegalStateException("unknown history item " + item);
            }
        }
    }

    private static ServiceOutcome outcome(Random random) {
        double u = random.nextDouble();
        if (u < 0.90) {
            return ServiceOutcome.EMPTIED;
        }
        if (u < 0.935) {
            return ServiceOutcome.NOT_OUT;
        }
        if (u < 0.965) {
            return ServiceOutcome.MISSED;
        }
        return u < 0.985 ? ServiceOutcome.BLOCKED : ServiceOutcome.CONTAMINATED;
    }

    /** What the truck's scale read: only for emptied bins, and not every truck has a scale that works. */
    private Double weight(int bin, ServiceOutcome outcome, Random random) {
        if (outcome != ServiceOutcome.EMPTIED || random.nextDouble() < 0.06) {
            return null;
        }
        double kilogramsPerLitre =
                switch (WASTE_STREAMS[binStream[bin]]) {
                    case GENERAL -> 0.12;
                    case RECYCLING -> 0.05;
                    case ORGANIC -> 0.45;
                    case GLASS -> 0.30;
                    case HAZARDOUS -> 0.20;
                };
        double kilograms = binCapacity[bin] * kilogramsPerLitre * (0.35 + 0.65 * random.nextDouble());
        return Math.max(0.1, Math.round(kilograms * 10) / 10.0);
    }

    // ---------------------------------------------------------------- hashing and helpers

    /** SplitMix64's finalizer: a bijection on longs that scatters neighbouring inputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private long hash(int stream, long index) {
        return mix64(mix64(seed + stream * 0x9E3779B97F4A7C15L) ^ index);
    }

    private long hashBelow(int stream, long index, long bound) {
        return Math.floorMod(hash(stream, index), bound);
    }

    /**
     * A random-looking (version 4) UUID that is a pure function of seed, kind and number, so no id
     * has to be stored and a rerun with the same seed names the same entities.
     */
    private String uuid(int stream, long index) {
        long high = (hash(stream, index) & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long low = (hash(stream + UUID_LOW, index) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static int pick(double[] cumulative, Random random) {
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

    private static double[] cumulative(double... weights) {
        double[] sums = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            sums[i] = sum;
        }
        return sums;
    }

    private static Integer[] indices(int n) {
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

    private static String padded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static String label(String constant) {
        return constant.charAt(0)
                + constant.substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
