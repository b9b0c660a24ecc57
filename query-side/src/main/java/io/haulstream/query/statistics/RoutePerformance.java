package io.haulstream.query.statistics;

import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code daily_route_performance}, with stops per hour between the first and last service. */
public record RoutePerformance(
        String routeId,
        LocalDate day,
        int scheduledStops,
        int serviced,
        int missed,
        int exceptions,
        double weightKg,
        Instant firstServiceAt,
        Instant lastServiceAt,
        Double stopsPerHour,
        long version) {}
