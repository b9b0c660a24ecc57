package io.haulstream.benchmark.city;

import static io.haulstream.benchmark.city.Days.DAY;
import static io.haulstream.benchmark.city.Days.HOUR;

import io.haulstream.benchmark.city.City.Phase;
import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatus;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.ServiceOutcome;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One pass over the city's events, phase by phase: the events are made again on every pass rather
 * than kept, so this numbers each aggregate's events and tracks the state the accessors report
 * after the last one (route statuses, fill levels).
 */
final class Emission {

    private static final RouteStatus[] ROUTE_STATUSES = RouteStatus.values();
    private static final ServiceOutcome[] OUTCOMES = ServiceOutcome.values();

    private final Seeded seeded;
    private final long historyStart;
    private final Population population;
    private final RouteNetwork routes;
    private final History history;
    private final Consumer<GeneratedEvent> sink;
    private final int[] binSequence;
    private final int[] routeSequence;

    /** Per route, its status after the events emitted so far. */
    final byte[] routeStatus;
    /** Per bin, its fill level after the events emitted so far, or -1 for none yet. */
    final byte[] fill;

    long events;
    long services;

    Emission(
            Seeded seeded,
            Days days,
            Population population,
            RouteNetwork routes,
            History history,
            Consumer<GeneratedEvent> sink) {
        this.seeded = seeded;
        this.historyStart = days.start();
        this.population = population;
        this.routes = routes;
        this.history = history;
        this.sink = sink;
        binSequence = new int[population.binCustomer.length];
        routeSequence = new int[routes.routeIds.length];
        routeStatus = new byte[routes.routeIds.length];
        fill = new byte[population.binCustomer.length];
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
        emit(phase, population.binId(bin), binSequence[bin]++, event, at);
    }

    private void route(Phase phase, int route, HaulstreamEvent event, Instant at) {
        emit(phase, routes.routeIds[route], routeSequence[route]++, event, at);
    }

    private void changeRoute(Phase phase, int route, RouteStatus to, Instant at) {
        RouteStatus from = ROUTE_STATUSES[routeStatus[route]];
        route(
                phase,
                route,
                new RouteStatusChanged(routes.routeIds[route], routes.routeOrganizationId(route), from, to, at),
                at);
        routeStatus[route] = (byte) to.ordinal();
    }

    private void organizations() {
        for (int org = 0; org < population.organizationIds.length; org++) {
            Instant at = population.organizationRegisteredAt(org);
            emit(
                    Phase.ORGANIZATIONS,
                    population.organizationIds[org],
                    0,
                    new OrganizationRegistered(population.organizationIds[org], population.organizationNames[org], at),
                    at);
        }
    }

    private void customers() {
        for (int customer = 0; customer < population.customerOrganization.length; customer++) {
            Instant at = population.customerRegisteredAt(customer);
            String id = population.customerId(customer);
            emit(
                    Phase.CUSTOMERS,
                    id,
                    0,
                    new CustomerRegistered(
                            id,
                            population.organizationIds[population.customerOrganization[customer]],
                            population.customerName[customer],
                            population.customerAddress[customer],
                            new GeoPoint(population.customerLongitude[customer], population.customerLatitude[customer]),
                            at),
                    at);
        }
    }

    private void bins() {
        for (int bin = 0; bin < population.binCustomer.length; bin++) {
            Instant at = population.binPlacedAt(bin);
            bin(
                    Phase.BINS,
                    bin,
                    new BinPlaced(
                            population.binId(bin),
                            population.binOrganizationId(bin),
                            population.customerId(population.binCustomer[bin]),
                            population.binTag(bin),
                            population.binContainerType(bin),
                            population.binWasteStream(bin),
                            population.binCapacity[bin],
                            new GeoPoint(population.binLongitude[bin], population.binLatitude[bin]),
                            at),
                    at);
        }
    }

    private void routes() {
        for (int route = 0; route < routes.routeIds.length; route++) {
            Instant at = routes.routeCreatedAt(route);
            route(
                    Phase.ROUTES,
                    route,
                    new RouteCreated(
                            routes.routeIds[route],
                            routes.routeOrganizationId(route),
                            routes.routeName[route],
                            routes.routeType(route),
                            routes.routeServiceDay(route),
                            routes.routeTerritory[route],
                            routes.routePath(route),
                            at),
                    at);
        }
        for (int route = 0; route < routes.routeIds.length; route++) {
            long created = routes.routeCreatedAt(route).getEpochSecond();
            int[] stops = routes.routeStops[route];
            for (int index = 0; index < stops.length; index++) {
                Instant at = Instant.ofEpochSecond(created + HOUR + 2L * index);
                route(
                        Phase.ROUTES,
                        route,
                        new BinAssignedToRoute(
                                routes.routeIds[route],
                                routes.routeOrganizationId(route),
                                population.binId(stops[index]),
                                index,
                                at),
                        at);
            }
        }
    }

    private void statuses() {
        for (int route = 0; route < routes.routeIds.length; route++) {
            if (routes.routePlan[route] == RouteNetwork.RUNNING
                    && routes.routeActivateDay[route] == RouteNetwork.BEFORE_HISTORY) {
                long at = historyStart - DAY + 12 * HOUR + seeded.hashBelow(Seeded.ACTIVATION_TIME, route, HOUR);
                changeRoute(Phase.STATUSES, route, RouteStatus.ACTIVE, Instant.ofEpochSecond(at));
            } else if (routes.routePlan[route] == RouteNetwork.SUSPENDED_EARLY) {
                long at = historyStart - 20 * DAY + seeded.hashBelow(Seeded.ACTIVATION_TIME, route, 5 * DAY);
                changeRoute(Phase.STATUSES, route, RouteStatus.SUSPENDED, Instant.ofEpochSecond(at));
            }
        }
        for (int bin = 0; bin < population.binCustomer.length; bin++) {
            if (population.binStatus[bin] != Population.ACTIVE_BIN) {
                Instant at = Instant.ofEpochSecond(
                        historyStart - 25 * DAY + seeded.hashBelow(Seeded.STATUS_TIME, bin, 20 * DAY));
                bin(
                        Phase.STATUSES,
                        bin,
                        new BinStatusChanged(
                                population.binId(bin),
                                population.binOrganizationId(bin),
                                BinStatus.ACTIVE,
                                population.binStatus(bin),
                                at),
                        at);
            }
        }
    }

    private void history() {
        history.forEachDay(items -> {
            for (History.Item item : items) {
                emitHistory(item);
            }
        });
    }

    private void emitHistory(History.Item item) {
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
                                population.binId(item.bin()),
                                population.binOrganizationId(item.bin()),
                                routes.routeIds[route],
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
                                population.binId(item.bin()),
                                population.binOrganizationId(item.bin()),
                                item.value(),
                                "sensor-" + Seeded.padded(item.bin(), 7) + ":" + item.at(),
                                at),
                        at);
                fill[item.bin()] = (byte) item.value();
            }
        }
    }
}
