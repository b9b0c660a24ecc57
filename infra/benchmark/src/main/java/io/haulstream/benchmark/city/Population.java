package io.haulstream.benchmark.city;

import static io.haulstream.benchmark.city.Days.DAY;
import static io.haulstream.benchmark.city.Days.HOUR;
import static io.haulstream.benchmark.city.Seeded.cumulative;
import static io.haulstream.benchmark.city.Seeded.pick;
import static io.haulstream.benchmark.city.Seeded.round7;

import io.haulstream.benchmark.city.Berlin.Neighbourhood;
import io.haulstream.events.BinStatus;
import io.haulstream.events.ContainerType;
import io.haulstream.events.WasteStream;
import java.time.Instant;
import java.util.Random;

/**
 * Who is in the city and where: haulers with the neighbourhoods they work, customers at street
 * addresses, and their bins by the door with what each holds. Kept as parallel arrays indexed by
 * number, because the full size has a million bins and ids are derived from the seed instead.
 */
final class Population {

    static final byte ACTIVE_BIN = (byte) BinStatus.ACTIVE.ordinal();

    static final BinStatus[] BIN_STATUSES = BinStatus.values();
    static final ContainerType[] CONTAINER_TYPES = ContainerType.values();
    static final WasteStream[] WASTE_STREAMS = WasteStream.values();
    static final CustomerKind[] KINDS = CustomerKind.values();
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

    private final CitySize size;
    private final Seeded seeded;
    private final long historyStart;

    final String[] organizationIds;
    final String[] organizationNames;
    final String[] tagPrefixes;
    /** Per hauler, the neighbourhoods it works; a route without stops is put in the first. */
    final int[][] organizationNeighbourhoods;

    private final double[][] organizationNeighbourhoodCumulative;

    final int[] customerOrganization;
    final byte[] customerNeighbourhood;
    final byte[] customerKind;
    final double[] customerLongitude;
    final double[] customerLatitude;
    final String[] customerName;
    final String[] customerAddress;

    final int[] binCustomer;
    final double[] binLongitude;
    final double[] binLatitude;
    final byte[] binContainer;
    final byte[] binStream;
    final byte[] binStatus;
    final int[] binCapacity;

    /** Draws from {@code random} in a fixed order: haulers, then customers, then bins. */
    Population(CitySize size, Seeded seeded, long historyStart, Random random) {
        this.size = size;
        this.seeded = seeded;
        this.historyStart = historyStart;
        int organizations = size.organizations();
        organizationIds = new String[organizations];
        organizationNames = new String[organizations];
        tagPrefixes = new String[organizations];
        organizationNeighbourhoods = new int[organizations][];
        organizationNeighbourhoodCumulative = new double[organizations][];
        int customers = size.customers();
        customerOrganization = new int[customers];
        customerNeighbourhood = new byte[customers];
        customerKind = new byte[customers];
        customerLongitude = new double[customers];
        customerLatitude = new double[customers];
        customerName = new String[customers];
        customerAddress = new String[customers];
        int bins = size.bins();
        binCustomer = new int[bins];
        binLongitude = new double[bins];
        binLatitude = new double[bins];
        binContainer = new byte[bins];
        binStream = new byte[bins];
        binStatus = new byte[bins];
        binCapacity = new int[bins];
        placeOrganizations(random);
        placeCustomers(random);
        placeBins(random);
    }

    Instant organizationRegisteredAt(int organization) {
        return Instant.ofEpochSecond(historyStart - 500 * DAY + organization * HOUR);
    }

    String customerId(int customer) {
        return seeded.uuid(Seeded.CUSTOMER_ID, customer);
    }

    Instant customerRegisteredAt(int customer) {
        return Instant.ofEpochSecond(
                historyStart - 450 * DAY + seeded.hashBelow(Seeded.CUSTOMER_TIME, customer, 380 * DAY));
    }

    String binId(int bin) {
        return seeded.uuid(Seeded.BIN_ID, bin);
    }

    int binOrganization(int bin) {
        return customerOrganization[binCustomer[bin]];
    }

    String binOrganizationId(int bin) {
        return organizationIds[binOrganization(bin)];
    }

    /** The hauler's label on the container: unique within its organization, as the command side requires. */
    String binTag(int bin) {
        return tagPrefixes[binOrganization(bin)] + "-" + Seeded.padded(bin, 7);
    }

    ContainerType binContainerType(int bin) {
        return CONTAINER_TYPES[binContainer[bin]];
    }

    WasteStream binWasteStream(int bin) {
        return WASTE_STREAMS[binStream[bin]];
    }

    BinStatus binStatus(int bin) {
        return BIN_STATUSES[binStatus[bin]];
    }

    Instant binPlacedAt(int bin) {
        return Instant.ofEpochSecond(customerRegisteredAt(binCustomer[bin]).getEpochSecond()
                + seeded.hashBelow(Seeded.BIN_TIME, bin, 30 * DAY));
    }

    private void placeOrganizations(Random random) {
        int count = size.organizations();
        int neighbourhoods = Berlin.NEIGHBOURHOODS.size();
        for (int org = 0; org < count; org++) {
            int round = org / Berlin.HAULER_NAMES.length;
            String base = Berlin.HAULER_NAMES[org % Berlin.HAULER_NAMES.length];
            organizationIds[org] = seeded.uuid(Seeded.ORGANIZATION_ID, org);
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
            String street = Berlin.streetName(neighbourhood, alongX, line, seeded.seed());
            int postcode = nb.postcode() + (x > 0 ? 2 : 0) + (y > 0 ? 4 : 0);
            customerOrganization[customer] = org;
            customerNeighbourhood[customer] = (byte) neighbourhood;
            customerKind[customer] = (byte) kind.ordinal();
            customerLongitude[customer] = round7(nb.longitudeOf(x, y));
            customerLatitude[customer] = round7(nb.latitudeOf(x, y));
            customerName[customer] = Berlin.customerName(kind, seeded.hash(Seeded.NAMES, customer), street, house);
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
}
