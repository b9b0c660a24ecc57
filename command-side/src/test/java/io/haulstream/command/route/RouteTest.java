package io.haulstream.command.route;

import io.haulstream.command.domain.FakeDirectory;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinUnassignedFromRoute;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteGeometryChanged;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.RouteType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RouteTest {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");
    private static final List<GeoPoint> PATH = List.of(new GeoPoint(13.40, 52.52), new GeoPoint(13.41, 52.521));
    private static final RouteCreated CREATED = new RouteCreated(
            "route-1", "org-1", "Mitte Monday", RouteType.RESIDENTIAL, DayOfWeek.MONDAY, "MITTE", PATH, AT);

    private FixtureConfiguration<Route> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Route.class);
        fixture.registerInjectableResource(new FakeDirectory()
                .organization("org-1")
                .bin("bin-1", "org-1")
                .bin("bin-2", "org-1")
                .bin("bin-x", "org-2")
                .fleetSystem("trucks", "org-1"));
    }

    private static RouteStatusChanged changed(RouteStatus from, RouteStatus to) {
        return new RouteStatusChanged("route-1", "org-1", from, to, AT);
    }

    @Nested
    class CreateRouteCommand {

        @Test
        void createsAPlannedRoute() {
            fixture.givenNoPriorActivity()
                    .when(new CreateRoute(
                            "route-1",
                            "org-1",
                            "Mitte Monday",
                            RouteType.RESIDENTIAL,
                            DayOfWeek.MONDAY,
                            "MITTE",
                            PATH,
                            AT))
                    .expectEvents(CREATED);
        }

        @Test
        void rejectsAPathOfOnePoint() {
            fixture.givenNoPriorActivity()
                    .when(new CreateRoute(
                            "route-1",
                            "org-1",
                            "Mitte",
                            RouteType.RESIDENTIAL,
                            DayOfWeek.MONDAY,
                            "MITTE",
                            List.of(PATH.get(0)),
                            AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("path: must have at least 2 points");
        }

        @Test
        void rejectsAPathOfZeroLength() {
            fixture.givenNoPriorActivity()
                    .when(new CreateRoute(
                            "route-1",
                            "org-1",
                            "Mitte",
                            RouteType.RESIDENTIAL,
                            DayOfWeek.MONDAY,
                            "MITTE",
                            List.of(PATH.get(0), PATH.get(0)),
                            AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("path: must not have zero length (all points are the same)");
        }

        @Test
        void rejectsAPathPointOutOfRange() {
            fixture.givenNoPriorActivity()
                    .when(new CreateRoute(
                            "route-1",
                            "org-1",
                            "Mitte",
                            RouteType.RESIDENTIAL,
                            DayOfWeek.MONDAY,
                            "MITTE",
                            List.of(PATH.get(0), new GeoPoint(13.4, -91)),
                            AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("path[1].latitude: must be between -90 and 90, was -91.0");
        }

        @Test
        void rejectsAnUnknownOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new CreateRoute(
                            "route-1", "org-9", "Mitte", RouteType.RESIDENTIAL, DayOfWeek.MONDAY, "MITTE", PATH, AT))
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class ChangeRouteGeometryCommand {

        @Test
        void replacesThePath() {
            List<GeoPoint> longer = List.of(PATH.get(0), PATH.get(1), new GeoPoint(13.42, 52.522));
            fixture.given(CREATED)
                    .when(new ChangeRouteGeometry("route-1", "org-1", longer, AT))
                    .expectEvents(new RouteGeometryChanged("route-1", "org-1", longer, AT));
        }

        @Test
        void rejectsChangingADeletedRoute() {
            fixture.given(CREATED, new RouteDeleted("route-1", "org-1", AT))
                    .when(new ChangeRouteGeometry("route-1", "org-1", PATH, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("routeId: the route was deleted");
        }
    }

    @Nested
    class ChangeRouteStatusCommand {

        @Test
        void activatesAPlannedRoute() {
            fixture.given(CREATED)
                    .when(new ChangeRouteStatus("route-1", "org-1", RouteStatus.ACTIVE, false, null, null, AT))
                    .expectEvents(changed(RouteStatus.PLANNED, RouteStatus.ACTIVE));
        }

        @Test
        void rejectsCompletingAPlannedRoute() {
            fixture.given(CREATED)
                    .when(new ChangeRouteStatus("route-1", "org-1", RouteStatus.COMPLETED, false, null, null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("status: a PLANNED route can only become one of [ACTIVE, SUSPENDED]");
        }

        @Test
        void startsACompletedRouteAgainOnItsNextServiceDay() {
            fixture.given(
                            CREATED,
                            changed(RouteStatus.PLANNED, RouteStatus.ACTIVE),
                            changed(RouteStatus.ACTIVE, RouteStatus.IN_PROGRESS),
                            changed(RouteStatus.IN_PROGRESS, RouteStatus.COMPLETED))
                    .when(new ChangeRouteStatus(
                            "route-1", null, RouteStatus.IN_PROGRESS, true, "trucks", "truck-1:1", AT))
                    .expectEvents(changed(RouteStatus.COMPLETED, RouteStatus.IN_PROGRESS));
        }

        @Test
        void changesNothingWhenAFleetReportsAStartedRouteStartedAgain() {
            fixture.given(
                            CREATED,
                            changed(RouteStatus.PLANNED, RouteStatus.ACTIVE),
                            changed(RouteStatus.ACTIVE, RouteStatus.IN_PROGRESS))
                    .when(new ChangeRouteStatus(
                            "route-1", null, RouteStatus.IN_PROGRESS, true, "trucks", "truck-1:1", AT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAFleetSystemNotBoundToTheRoutesOrganization() {
            fixture.given(CREATED, changed(RouteStatus.PLANNED, RouteStatus.ACTIVE))
                    .when(new ChangeRouteStatus(
                            "route-1", null, RouteStatus.IN_PROGRESS, true, "other-trucks", "truck-1:1", AT))
                    .expectException(NotInOrganization.class)
                    .expectExceptionMessage("no route route-1 among the organizations of fleet system other-trucks");
        }

        @Test
        void rejectsTheSameStatusFromTheApi() {
            fixture.given(CREATED, changed(RouteStatus.PLANNED, RouteStatus.ACTIVE))
                    .when(new ChangeRouteStatus("route-1", "org-1", RouteStatus.ACTIVE, false, null, null, AT))
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class AssignBinToRouteCommand {

        @Test
        void appendsAStop() {
            fixture.given(CREATED, new BinAssignedToRoute("route-1", "org-1", "bin-1", 0, AT))
                    .when(new AssignBinToRoute("route-1", "org-1", "bin-2", null, AT))
                    .expectEvents(new BinAssignedToRoute("route-1", "org-1", "bin-2", 1, AT));
        }

        @Test
        void insertsAStopBeforeAnother() {
            fixture.given(CREATED, new BinAssignedToRoute("route-1", "org-1", "bin-1", 0, AT))
                    .when(new AssignBinToRoute("route-1", "org-1", "bin-2", 0, AT))
                    .expectEvents(new BinAssignedToRoute("route-1", "org-1", "bin-2", 0, AT));
        }

        @Test
        void rejectsABinOfAnotherOrganization() {
            fixture.given(CREATED)
                    .when(new AssignBinToRoute("route-1", "org-1", "bin-x", null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("binId: no placed bin bin-x in this route's organization");
        }

        @Test
        void rejectsABinThatIsAlreadyAStop() {
            fixture.given(CREATED, new BinAssignedToRoute("route-1", "org-1", "bin-1", 0, AT))
                    .when(new AssignBinToRoute("route-1", "org-1", "bin-1", null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("binId: the bin is already a stop of this route");
        }

        @Test
        void rejectsAStopIndexPastTheEnd() {
            fixture.given(CREATED)
                    .when(new AssignBinToRoute("route-1", "org-1", "bin-1", 3, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("stopIndex: must be between 0 and 0");
        }
    }

    @Nested
    class UnassignBinFromRouteCommand {

        @Test
        void removesAStop() {
            fixture.given(CREATED, new BinAssignedToRoute("route-1", "org-1", "bin-1", 0, AT))
                    .when(new UnassignBinFromRoute("route-1", "org-1", "bin-1", AT))
                    .expectEvents(new BinUnassignedFromRoute("route-1", "org-1", "bin-1", AT));
        }

        @Test
        void rejectsABinThatIsNoStop() {
            fixture.given(CREATED)
                    .when(new UnassignBinFromRoute("route-1", "org-1", "bin-1", AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("binId: the bin is not a stop of this route");
        }
    }

    @Nested
    class DeleteRouteCommand {

        @Test
        void deletesAPlannedRoute() {
            fixture.given(CREATED)
                    .when(new DeleteRoute("route-1", "org-1", AT))
                    .expectEvents(new RouteDeleted("route-1", "org-1", AT));
        }

        @Test
        void rejectsDeletingARouteInProgress() {
            fixture.given(
                            CREATED,
                            changed(RouteStatus.PLANNED, RouteStatus.ACTIVE),
                            changed(RouteStatus.ACTIVE, RouteStatus.IN_PROGRESS))
                    .when(new DeleteRoute("route-1", "org-1", AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("routeId: a route in progress cannot be deleted");
        }
    }
}
