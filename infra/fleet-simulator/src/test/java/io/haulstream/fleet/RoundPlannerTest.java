package io.haulstream.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.fleet.BinServicedRecord;
import io.haulstream.events.fleet.FillLevelReportedRecord;
import io.haulstream.events.fleet.FleetRecord;
import io.haulstream.events.fleet.RouteCompletedRecord;
import io.haulstream.events.fleet.RouteStartedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoundPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T07:15:00.123Z");

    private static final DemoPlan PLAN = DemoPlan.parse(
            "plan.tsv",
            List.of(
                    "route\torg-1\troute-1\tbin-3,bin-1,bin-2",
                    "route\torg-2\troute-2\tbin-21",
                    "bin\torg-1\tbin-1",
                    "bin\torg-1\tbin-2",
                    "bin\torg-1\tbin-3",
                    "bin\torg-1\tbin-4",
                    "bin\torg-2\tbin-21",
                    "bin\torg-2\tbin-22"));

    private static final DemoPlan.PlannedRoute ROUTE = PLAN.routes().get(0);

    private final RoundPlanner planner = new RoundPlanner(PLAN, "demo-fleet", new Random(7));

    @Test
    void namesItsFleetSystemInEveryRecord() {
        assertThat(round()).extracting(FleetRecord::fleetSystem).containsOnly("demo-fleet");
    }

    @Test
    void startsEachRoundWithTheRouteAndEndsWithItsCompletion() {
        List<FleetRecord> round = round();

        assertThat(round.get(0))
                .isInstanceOfSatisfying(RouteStartedRecord.class, started -> assertThat(started.routeId())
                        .isEqualTo("route-1"));
        assertThat(round.get(round.size() - 1))
                .isInstanceOfSatisfying(RouteCompletedRecord.class, completed -> assertThat(completed.routeId())
                        .isEqualTo("route-1"));
    }

    @Test
    void servicesEveryStopOnceInTheRoutesOrder() {
        List<BinServicedRecord> serviced = round().stream()
                .filter(BinServicedRecord.class::isInstance)
                .map(BinServicedRecord.class::cast)
                .toList();

        assertThat(serviced).extracting(BinServicedRecord::binId).containsExactly("bin-3", "bin-1", "bin-2");
        assertThat(serviced).extracting(BinServicedRecord::routeId).containsOnly("route-1");
    }

    @Test
    void weighsWhatWasEmptiedAndNothingElse() {
        for (int repeat = 0; repeat < 50; repeat++) {
            round().stream()
                    .filter(BinServicedRecord.class::isInstance)
                    .map(BinServicedRecord.class::cast)
                    .forEach(serviced -> {
                        if (serviced.outcome() == ServiceOutcome.EMPTIED) {
                            assertThat(serviced.weightKg()).isBetween(0.0, 40_000.0);
                        } else {
                            assertThat(serviced.weightKg()).isNull();
                        }
                    });
        }
    }

    @Test
    void reportsFillLevelsOnlyOfTheRoutesOrganizationWithinZeroToAHundred() {
        List<FillLevelReportedRecord> reported = new ArrayList<>();
        for (int repeat = 0; repeat < 20; repeat++) {
            round().stream()
                    .filter(FillLevelReportedRecord.class::isInstance)
                    .map(FillLevelReportedRecord.class::cast)
                    .forEach(reported::add);
        }

        assertThat(reported).isNotEmpty();
        assertThat(reported).extracting(FillLevelReportedRecord::binId).isSubsetOf(PLAN.binsOf("org-1"));
        assertThat(reported).extracting(FillLevelReportedRecord::fillPercent).allSatisfy(fill -> assertThat(fill)
                .isBetween(0, 100));
    }

    @Test
    void givesEveryRecordAnIdOfItsOwnAcrossRounds() {
        List<FleetRecord> records = new ArrayList<>(round());
        records.addAll(round());

        assertThat(records)
                .extracting(FleetRecord::recordId)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith("sim-"));
    }

    @Test
    void stampsEachRecordWithTheTimeItIsSent() {
        List<RoundPlanner.Step> steps = planner.round(ROUTE);

        FleetRecord early = steps.get(0).at(NOW);
        FleetRecord late = steps.get(0).at(NOW.plusSeconds(2));

        assertThat(late.occurredAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(late.recordId()).isEqualTo(early.recordId());
    }

    @Test
    void writesRecordsThatReadBackAsTheSameFleetRecord() throws Exception {
        for (FleetRecord record : round()) {
            byte[] json = FleetSimulator.toJson(record);

            JsonNode tree = FleetSimulator.JSON.readTree(json);
            assertThat(tree.path("type").asText())
                    .isIn("ROUTE_STARTED", "BIN_SERVICED", "FILL_LEVEL_REPORTED", "ROUTE_COMPLETED");
            assertThat(tree.path("occurredAt").asText()).isEqualTo("2026-11-24T07:15:00.123Z");
            assertThat(FleetSimulator.JSON.readValue(json, FleetRecord.class)).isEqualTo(record);
        }
    }

    @Test
    void keysBinRecordsByTheBinAndRouteRecordsByTheRoute() {
        assertThat(FleetSimulator.keyOf(new RouteStartedRecord("demo-fleet", "r-1", "route-1", NOW)))
                .isEqualTo("route-1");
        assertThat(FleetSimulator.keyOf(new RouteCompletedRecord("demo-fleet", "r-2", "route-1", NOW)))
                .isEqualTo("route-1");
        assertThat(FleetSimulator.keyOf(new BinServicedRecord(
                        "demo-fleet", "s-1", "bin-1", "route-1", ServiceOutcome.EMPTIED, 12.5, "truck-route-1", NOW)))
                .isEqualTo("bin-1");
        assertThat(FleetSimulator.keyOf(new FillLevelReportedRecord("demo-fleet", "f-1", "bin-2", 40, NOW)))
                .isEqualTo("bin-2");
    }

    private List<FleetRecord> round() {
        return planner.round(ROUTE).stream().map(step -> step.at(NOW)).toList();
    }
}
