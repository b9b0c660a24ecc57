package io.haulstream.command.bin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.command.domain.FakeDirectory;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatus;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.WasteStream;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinTest {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");
    private static final GeoPoint BERLIN = new GeoPoint(13.404954, 52.520008);
    private static final BinPlaced PLACED =
            new BinPlaced("bin-1", "org-1", "cus-1", "NS-1", ContainerType.CART, WasteStream.GENERAL, 240, BERLIN, AT);

    private FixtureConfiguration<Bin> fixture;
    private FakeDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Bin.class);
        directory = new FakeDirectory();
        fixture.registerInjectableResource(directory
                .organization("org-1")
                .organization("org-2")
                .customer("cus-1", "org-1")
                .customer("cus-2", "org-2")
                .route("route-1", "org-1")
                .route("route-2", "org-2")
                .tag("org-1", "TAKEN")
                .fleetSystem("trucks", "org-1")
                .fleetSystem("sensors", "org-1")
                .fleetSystem("other-trucks", "org-2"));
    }

    private static PlaceBin place(String customerId, String tag, int capacity, GeoPoint location) {
        return new PlaceBin(
                "bin-1", "org-1", customerId, tag, ContainerType.CART, WasteStream.GENERAL, capacity, location, AT);
    }

    @Nested
    class PlaceBinCommand {

        @Test
        void placesABinOfAnOpenCustomer() {
            fixture.givenNoPriorActivity()
                    .when(place("cus-1", " NS-1 ", 240, BERLIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(PLACED);
        }

        @Test
        void rejectsACustomerOfAnotherOrganization() {
            fixture.givenNoPriorActivity()
                    .when(place("cus-2", "NS-1", 240, BERLIN))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("customerId: no open customer cus-2 in this organization")
                    .expectNoEvents();
        }

        @Test
        void rejectsAnUnknownOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceBin(
                            "bin-1",
                            "org-9",
                            "cus-1",
                            "NS-1",
                            ContainerType.CART,
                            WasteStream.GENERAL,
                            240,
                            BERLIN,
                            AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("organizationId: no active organization is registered with id org-9");
        }

        @Test
        void rejectsATagAnotherBinOfTheOrganizationHas() {
            fixture.givenNoPriorActivity()
                    .when(place("cus-1", "TAKEN", 240, BERLIN))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("tag: is already used by another bin of this organization");
        }

        @ParameterizedTest
        @CsvSource({"0", "-5", "60001"})
        void rejectsACapacityOutOfRange(int capacity) {
            fixture.givenNoPriorActivity()
                    .when(place("cus-1", "NS-1", capacity, BERLIN))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("capacityLitres: must be between 1 and 60000");
        }

        @Test
        void rejectsALatitudeBeyondTheNinetieth() {
            fixture.givenNoPriorActivity()
                    .when(place("cus-1", "NS-1", 240, new GeoPoint(13.4, 90.5)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("location.latitude: must be between -90 and 90, was 90.5");
        }

        @Test
        void rejectsANonFiniteCoordinate() {
            fixture.givenNoPriorActivity()
                    .when(place("cus-1", "NS-1", 240, new GeoPoint(Double.NaN, 52.5)))
                    .expectException(RuleViolation.class);
        }

        @Test
        void rejectsABlankTag() {
            fixture.givenNoPriorActivity()
                    .when(place("cus-1", " ", 240, BERLIN))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("tag: must be 1 to 64 characters");
        }
    }

    @Nested
    class MoveBinCommand {

        @Test
        void movesAPlacedBin() {
            GeoPoint there = new GeoPoint(13.41, 52.53);
            fixture.given(PLACED)
                    .when(new MoveBin("bin-1", "org-1", there, AT))
                    .expectEvents(new BinMoved("bin-1", "org-1", there, AT));
        }

        @Test
        void rejectsMovingARemovedBin() {
            fixture.given(PLACED, new BinRemoved("bin-1", "org-1", AT))
                    .when(new MoveBin("bin-1", "org-1", BERLIN, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("binId: the bin was removed");
        }

        @Test
        void rejectsMovingTheBinOfAnotherOrganization() {
            fixture.given(PLACED)
                    .when(new MoveBin("bin-1", "org-2", BERLIN, AT))
                    .expectException(NotInOrganization.class);
        }
    }

    @Nested
    class ChangeBinStatusCommand {

        @Test
        void sendsABinToMaintenance() {
            fixture.given(PLACED)
                    .when(new ChangeBinStatus("bin-1", "org-1", BinStatus.MAINTENANCE, AT))
                    .expectEvents(new BinStatusChanged("bin-1", "org-1", BinStatus.ACTIVE, BinStatus.MAINTENANCE, AT));
        }

        @Test
        void rejectsTheStatusTheBinAlreadyHas() {
            fixture.given(PLACED)
                    .when(new ChangeBinStatus("bin-1", "org-1", BinStatus.ACTIVE, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("status: the bin is already ACTIVE");
        }
    }

    @Nested
    class ReportFillLevelCommand {

        @Test
        void recordsTheFillLevelAndClaimsTheRecordId() {
            fixture.given(PLACED)
                    .when(new ReportFillLevel("bin-1", null, 80, "sensors", "sensor:1", AT))
                    .expectEvents(new BinFillLevelReported("bin-1", "org-1", 80, "sensor:1", AT));
            assertThat(directory.isFleetRecordClaimed("sensors", "sensor:1")).isTrue();
        }

        @Test
        void changesNothingForARepeatedSensorRecord() {
            directory.fleetRecord("sensors", "sensor:1");
            fixture.given(PLACED, new BinFillLevelReported("bin-1", "org-1", 80, "sensor:1", AT))
                    .when(new ReportFillLevel("bin-1", null, 80, "sensors", "sensor:1", AT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        /** The table of applied records decides alone; the bin keeps no ids of its own history. */
        @Test
        void decidesARepeatByTheClaimedIdsNotByItsOwnHistory() {
            fixture.given(PLACED, new BinFillLevelReported("bin-1", "org-1", 80, "sensor:1", AT))
                    .when(new ReportFillLevel("bin-1", null, 70, "sensors", "sensor:1", AT))
                    .expectEvents(new BinFillLevelReported("bin-1", "org-1", 70, "sensor:1", AT));
        }

        @Test
        void rejectsAFillLevelAboveAHundred() {
            fixture.given(PLACED)
                    .when(new ReportFillLevel("bin-1", "org-1", 101, null, null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("fillPercent: must be between 0 and 100");
        }
    }

    @Nested
    class ServiceBinCommand {

        @Test
        void recordsAnEmptiedBinWithItsWeightAndTruck() {
            fixture.given(PLACED)
                    .when(new ServiceBin(
                            "bin-1", null, "route-1", ServiceOutcome.EMPTIED, 14.5, "trucks", "truck:9", "T-9", AT))
                    .expectEvents(new BinServiced(
                            "bin-1", "org-1", "route-1", ServiceOutcome.EMPTIED, 14.5, "truck:9", "T-9", AT));
        }

        @Test
        void rejectsABlankOrOverlongTruck() {
            for (String vehicle : new String[] {" ", "T".repeat(65)}) {
                fixture.given(PLACED)
                        .when(new ServiceBin(
                                "bin-1", null, null, ServiceOutcome.EMPTIED, null, null, null, vehicle, AT))
                        .expectException(RuleViolation.class)
                        .expectExceptionMessage("vehicleId: must be 1 to 64 characters, not blank");
            }
        }

        @Test
        void changesNothingForARepeatedFleetRecord() {
            directory.fleetRecord("trucks", "truck:9");
            fixture.given(
                            PLACED,
                            new BinServiced(
                                    "bin-1", "org-1", "route-1", ServiceOutcome.EMPTIED, 14.5, "truck:9", null, AT))
                    .when(new ServiceBin(
                            "bin-1", null, "route-1", ServiceOutcome.EMPTIED, 14.5, "trucks", "truck:9", null, AT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void appliesTheSameRecordIdFromAnotherFleetSystem() {
            directory.fleetRecord("sensors", "truck:9");
            fixture.given(PLACED)
                    .when(new ServiceBin(
                            "bin-1", null, "route-1", ServiceOutcome.EMPTIED, 14.5, "trucks", "truck:9", null, AT))
                    .expectEvents(new BinServiced(
                            "bin-1", "org-1", "route-1", ServiceOutcome.EMPTIED, 14.5, "truck:9", null, AT));
        }

        @Test
        void refusesAFleetSystemNotBoundToTheBinsOrganizationAndClaimsNothing() {
            fixture.given(PLACED)
                    .when(new ServiceBin(
                            "bin-1",
                            null,
                            "route-1",
                            ServiceOutcome.EMPTIED,
                            14.5,
                            "other-trucks",
                            "truck:9",
                            null,
                            AT))
                    .expectException(NotInOrganization.class)
                    .expectExceptionMessage("no bin bin-1 among the organizations of fleet system other-trucks");
            assertThat(directory.isFleetRecordClaimed("other-trucks", "truck:9"))
                    .isFalse();
        }

        /** A removed bin of another tenant answers like any other of its bins: nothing about it leaks. */
        @Test
        void refusesAnUnboundFleetSystemBeforeSayingTheBinWasRemoved() {
            fixture.given(PLACED, new BinRemoved("bin-1", "org-1", AT))
                    .when(new ServiceBin(
                            "bin-1", null, null, ServiceOutcome.EMPTIED, null, "other-trucks", "t:1", null, AT))
                    .expectException(NotInOrganization.class);
        }

        @Test
        void rejectsServicingRetiredBin() {
            fixture.given(PLACED, new BinStatusChanged("bin-1", "org-1", BinStatus.ACTIVE, BinStatus.RETIRED, AT))
                    .when(new ServiceBin(
                            "bin-1", null, "route-1", ServiceOutcome.EMPTIED, null, "trucks", "truck:9", null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("binId: the bin is retired and cannot be serviced");
        }

        @Test
        void rejectsServicingRemovedBin() {
            fixture.given(PLACED, new BinRemoved("bin-1", "org-1", AT))
                    .when(new ServiceBin(
                            "bin-1", null, "route-1", ServiceOutcome.EMPTIED, null, "trucks", "truck:9", null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("binId: the bin was removed");
        }

        @Test
        void recordsAServiceOffAnyRoute() {
            fixture.given(PLACED)
                    .when(new ServiceBin("bin-1", null, null, ServiceOutcome.MISSED, null, null, null, null, AT))
                    .expectEvents(new BinServiced("bin-1", "org-1", null, ServiceOutcome.MISSED, null, null, null, AT));
        }

        @Test
        void rejectsServicingOnARouteOfAnotherOrganization() {
            fixture.given(PLACED)
                    .when(new ServiceBin(
                            "bin-1", null, "route-2", ServiceOutcome.EMPTIED, null, "trucks", "truck:9", null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("routeId: no route route-2 in this organization");
        }

        @Test
        void rejectsServicingOnAnUnknownRoute() {
            fixture.given(PLACED)
                    .when(new ServiceBin(
                            "bin-1", null, "route-9", ServiceOutcome.EMPTIED, null, "trucks", "truck:9", null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("routeId: no route route-9 in this organization");
        }

        @Test
        void rejectsANegativeWeight() {
            fixture.given(PLACED)
                    .when(new ServiceBin(
                            "bin-1", null, "route-1", ServiceOutcome.EMPTIED, -1.0, "trucks", "truck:9", null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("weightKg: must be between 0 and 40000");
        }

        @Test
        void rejectsAMissingOutcome() {
            fixture.given(PLACED)
                    .when(new ServiceBin("bin-1", null, "route-1", null, null, "trucks", "truck:9", null, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("outcome: is required");
        }
    }

    @Nested
    class RemoveBinCommand {

        @Test
        void removesAPlacedBin() {
            fixture.given(PLACED)
                    .when(new RemoveBin("bin-1", "org-1", AT))
                    .expectEvents(new BinRemoved("bin-1", "org-1", AT));
        }

        @Test
        void rejectsRemovingABinThatIsStillAStop() {
            directory.route("route-3", "org-1").stop("route-3", "bin-1").stop("route-1", "bin-1");

            fixture.given(PLACED)
                    .when(new RemoveBin("bin-1", "org-1", AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("binId: the bin is a stop of route route-1, route-3; unassign it first");
        }

        @Test
        void removesABinWhoseRoutesHaveOnlyOtherStops() {
            directory.stop("route-1", "bin-2");

            fixture.given(PLACED)
                    .when(new RemoveBin("bin-1", "org-1", AT))
                    .expectEvents(new BinRemoved("bin-1", "org-1", AT));
        }

        @Test
        void rejectsRemovingTwice() {
            fixture.given(PLACED, new BinRemoved("bin-1", "org-1", AT))
                    .when(new RemoveBin("bin-1", "org-1", AT))
                    .expectException(RuleViolation.class);
        }
    }
}
