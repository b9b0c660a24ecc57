package io.haulstream.benchmark.city;

import static io.haulstream.benchmark.city.City.ZONE;
import static io.haulstream.benchmark.city.Days.HOUR;

import io.haulstream.events.RouteStatus;
import io.haulstream.events.ServiceOutcome;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The service history, day by day: activations, each route's run over its active stops, which
 * visits become a service and how it went, and the sensors' last reports. It has its own
 * {@link Random}, so the history can be made again on every pass without planning the city again.
 */
final class History {

    enum Kind {
        STATUS,
        SERVICE,
        FILL
    }

    /**
     * Something that happens on a day of the history, before it is sorted into time order.
     *
     * @param value the route status ordinal, the service outcome ordinal or the fill percent
     */
    record Item(long at, Kind kind, int route, int bin, int value, Double weight, long serial) {}

    private final CitySize size;
    private final Seeded seeded;
    private final Days days;
    private final long historyStart;
    private final byte[] dayOfWeek;
    private final Population population;
    private final RouteNetwork routes;
    /** Every stop visit of the history: the pool the services are sampled from. */
    private final long serviceSlots;

    /**
     * @throws IllegalArgumentException if the routes cannot hold {@code size.serviceEvents()}
     *     services in {@code size.days()} days
     */
    History(CitySize size, Seeded seeded, Days days, Population population, RouteNetwork routes) {
        this.size = size;
        this.seeded = seeded;
        this.days = days;
        this.historyStart = days.start();
        this.dayOfWeek = days.dayOfWeek();
        this.population = population;
        this.routes = routes;
        this.serviceSlots = countServiceSlots();
    }

    private long countServiceSlots() {
        long slots = 0;
        for (int day = 0; day < size.days(); day++) {
            for (int route : routes.routesByDay[dayOfWeek[day]]) {
                if (routes.runs(route, day)) {
                    slots += routes.routeServiceable[route];
                }
            }
        }
        if (slots < size.serviceEvents()) {
            throw new IllegalArgumentException("the " + size.name() + " city's routes have room for " + slots
                    + " services in " + size.days() + " days (each active stop once per run), not "
                    + size.serviceEvents() + ": give it more bins, routes or days");
        }
        return slots;
    }

    private boolean hasSensor(int bin) {
        return population.binStatus[bin] == Population.ACTIVE_BIN && seeded.hashBelow(Seeded.SENSOR, bin, 100) < 25;
    }

    /**
     * Each day: activations, then every route that runs that day drives its active stops in order;
     * of all the stop visits of the whole history exactly {@code serviceEvents} become a
     * {@code BinServiced} (selection sampling), so the count is exact and spread evenly. Sensors
     * report once in the last day and a half.
     *
     * @param eachDay given each day's items in time order, one day after the other; the list is
     *     reused for the next day, so it must be used before returning
     */
    void forEachDay(Consumer<List<Item>> eachDay) {
        Random random = new Random(Seeded.mix64(seeded.seed() ^ 0x5DEECE66DL) ^ Seeded.HISTORY);
        long slotsLeft = serviceSlots;
        long needed = size.serviceEvents();
        long serial = 0;
        long asOf = days.today().atTime(18, 0).atZone(ZONE).toEpochSecond();
        List<Item> items = new ArrayList<>();
        for (int day = 0; day < size.days(); day++) {
            items.clear();
            LocalDate date = days.first().plusDays(day);
            long midnight = date.atStartOfDay(ZONE).toEpochSecond();
            long nextMidnight = date.plusDays(1).atStartOfDay(ZONE).toEpochSecond();
            long six = date.atTime(6, 0).atZone(ZONE).toEpochSecond();
            for (int route = 0; route < routes.routeIds.length; route++) {
                if (routes.routePlan[route] == RouteNetwork.RUNNING && routes.routeActivateDay[route] == day) {
                    long at = six - HOUR + seeded.hashBelow(Seeded.ACTIVATION_TIME, route, HOUR / 2);
                    items.add(new Item(at, Kind.STATUS, route, -1, RouteStatus.ACTIVE.ordinal(), null, 0));
                }
            }
            for (int route : routes.routesByDay[dayOfWeek[day]]) {
                if (!routes.runs(route, day)) {
                    continue;
                }
                long t = six + seeded.hashBelow(Seeded.ROUTE_START, route, 90 * 60) + random.nextInt(600);
                items.add(new Item(t, Kind.STATUS, route, -1, RouteStatus.IN_PROGRESS.ordinal(), null, 0));
                // Long routes move faster from stop to stop, so every run ends in the afternoon.
                double perStop = Math.min(80.0, 8 * HOUR / (double) Math.max(1, routes.routeServiceable[route]));
                for (int bin : routes.routeStops[route]) {
                    if (population.binStatus[bin] != Population.ACTIVE_BIN) {
                        continue;
                    }
                    t += Math.max(1L, Math.round(perStop * (0.5 + random.nextDouble())));
                    boolean serviced = random.nextDouble() * slotsLeft < needed;
                    slotsLeft--;
                    if (serviced) {
                        needed--;
                        ServiceOutcome outcome = outcome(random);
                        items.add(new Item(
                                t,
                                Kind.SERVICE,
                                route,
                                bin,
                                outcome.ordinal(),
                                weight(bin, outcome, random),
                                serial++));
                    }
                }
                long end = t + 300 + random.nextInt(900);
                boolean stillOut = day == size.days() - 1 && seeded.hashBelow(Seeded.STAYS_OUT, route, 10) < 4;
                if (!stillOut) {
                    items.add(new Item(end, Kind.STATUS, route, -1, RouteStatus.COMPLETED.ordinal(), null, 0));
                    if (day == routes.routeSuspendDay[route]) {
                        items.add(
                                new Item(end + HOUR, Kind.STATUS, route, -1, RouteStatus.SUSPENDED.ordinal(), null, 0));
                    }
                }
            }
            if (day >= size.days() - 2) {
                for (int bin = 0; bin < population.binCustomer.length; bin++) {
                    if (hasSensor(bin)) {
                        long at = Math.max(
                                historyStart + HOUR, asOf - 1 - seeded.hashBelow(Seeded.SENSOR_TIME, bin, 36 * HOUR));
                        if (at >= midnight && at < nextMidnight) {
                            double u = (seeded.hash(Seeded.SENSOR_FILL, bin) >>> 11) * 0x1.0p-53;
                            int percent = (int) Math.min(100, Math.sqrt(u) * 105);
                            items.add(new Item(at, Kind.FILL, -1, bin, percent, null, 0));
                        }
                    }
                }
            }
            items.sort(Comparator.comparingLong(Item::at));
            eachDay.accept(items);
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
                switch (Population.WASTE_STREAMS[population.binStream[bin]]) {
                    case GENERAL -> 0.12;
                    case RECYCLING -> 0.05;
                    case ORGANIC -> 0.45;
                    case GLASS -> 0.30;
                    case HAZARDOUS -> 0.20;
                };
        double kilograms = population.binCapacity[bin] * kilogramsPerLitre * (0.35 + 0.65 * random.nextDouble());
        return Math.max(0.1, Math.round(kilograms * 10) / 10.0);
    }
}
