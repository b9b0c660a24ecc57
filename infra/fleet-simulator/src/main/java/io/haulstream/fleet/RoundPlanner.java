package io.haulstream.fleet;

import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.fleet.BinServicedRecord;
import io.haulstream.events.fleet.FillLevelReportedRecord;
import io.haulstream.events.fleet.FleetRecord;
import io.haulstream.events.fleet.RouteCompletedRecord;
import io.haulstream.events.fleet.RouteStartedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Plans one round of a route as its truck and the bins' sensors would report it: the start, every
 * stop in order with what the crew found, fill levels of the organization's bins in between, and
 * the completion.
 */
final class RoundPlanner {

    /** Drawn for each stop: most bins are emptied, and every exception still turns up now and then. */
    private static final List<ServiceOutcome> OUTCOME_TICKETS = outcomeTickets(16);

    private final DemoPlan plan;
    private final String fleetSystem;
    private final Random random;

    RoundPlanner(DemoPlan plan, String fleetSystem, Random random) {
        this.plan = plan;
        this.fleetSystem = fleetSystem;
        this.random = random;
    }

    /**
     * A record still without its time: a round is planned at once but sent one record per interval,
     * and {@code occurredAt} should be when the record goes out, not when its round was planned.
     */
    @FunctionalInterface
    interface Step {

        FleetRecord at(Instant occurredAt);
    }

    List<Step> round(DemoPlan.PlannedRoute route) {
        List<Step> steps = new ArrayList<>();
        String started = recordId();
        steps.add(at -> new RouteStartedRecord(fleetSystem, started, route.routeId(), at));
        List<String> sensorBins = plan.binsOf(route.organizationId());
        for (String stop : route.stops()) {
            steps.add(serviced(stop, route.routeId()));
            if (random.nextBoolean()) {
                steps.add(fillLevel(sensorBins.get(random.nextInt(sensorBins.size()))));
            }
        }
        String completed = recordId();
        steps.add(at -> new RouteCompletedRecord(fleetSystem, completed, route.routeId(), at));
        return steps;
    }

    private Step serviced(String binId, String routeId) {
        String recordId = recordId();
        ServiceOutcome outcome = OUTCOME_TICKETS.get(random.nextInt(OUTCOME_TICKETS.size()));
        // What a 240 l cart or a small container weighs when full enough to be worth the stop.
        Double weightKg = outcome == ServiceOutcome.EMPTIED ? random.nextInt(50, 950) / 10.0 : null;
        return at ->
                new BinServicedRecord(fleetSystem, recordId, binId, routeId, outcome, weightKg, vehicleOf(routeId), at);
    }

    /** One truck drives each route, named after it as a fleet system would name its own trucks. */
    static String vehicleOf(String routeId) {
        return "truck-" + routeId.substring(0, Math.min(8, routeId.length()));
    }

    private Step fillLevel(String binId) {
        String recordId = recordId();
        int fillPercent = random.nextInt(101);
        return at -> new FillLevelReportedRecord(fleetSystem, recordId, binId, fillPercent, at);
    }

    /**
     * Random, not drawn from {@link #random}: a restarted simulator must not send an id again, since
     * haulstream would take the record for a repeat and drop it.
     */
    private static String recordId() {
        return "sim-" + UUID.randomUUID();
    }

    private static List<ServiceOutcome> outcomeTickets(int emptied) {
        List<ServiceOutcome> tickets = new ArrayList<>(Collections.nCopies(emptied, ServiceOutcome.EMPTIED));
        tickets.addAll(EnumSet.complementOf(EnumSet.of(ServiceOutcome.EMPTIED)));
        return List.copyOf(tickets);
    }
}
