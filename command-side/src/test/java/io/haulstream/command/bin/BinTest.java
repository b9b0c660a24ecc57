package io.haulstream.command.bin;

import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.WasteStream;
import java.time.Instant;
import java.util.Set;
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

    private FixtureConfiguration<Bin> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Bin.class);
        Set<String> registered = Set.of("org-1");
        fixture.registerInjectableResource((Organizations) registered::contains);
    }

    private static PlaceBin place(String organizationId, int capacity, GeoPoint location) {
        return new PlaceBin(
                "bin-1", organizationId, " NS-1 ", ContainerType.CART, WasteStream.GENERAL, capacity, location, AT);
    }

    @Nested
    class PlaceBinCommand {

        @Test
        void placesABinOfARegisteredOrganization() {
            fixture.givenNoPriorActivity()
                    .when(place("org-1", 240, BERLIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new BinPlaced(
                            "bin-1", "org-1", "NS-1", ContainerType.CART, WasteStream.GENERAL, 240, BERLIN, AT));
        }

        @Test
        void rejectsABinOfAnUnknownOrganization() {
            fixture.givenNoPriorActivity()
                    .when(place("org-404", 240, BERLIN))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("organizationId: no organization is registered with id org-404")
                    .expectNoEvents();
        }

        @ParameterizedTest
        @CsvSource({"0", "-5", "60001"})
        void rejectsACapacityOutOfRange(int capacity) {
            fixture.givenNoPriorActivity()
                    .when(place("org-1", capacity, BERLIN))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("capacityLitres: must be between 1 and 60000");
        }

        @Test
        void rejectsALatitudeBeyondTheNinetieth() {
            fixture.givenNoPriorActivity()
                    .when(place("org-1", 240, new GeoPoint(13.4, 90.5)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("location.latitude: must be between -90 and 90, was 90.5");
        }

        @Test
        void rejectsALongitudeBeyondTheAntimeridian() {
            fixture.givenNoPriorActivity()
                    .when(place("org-1", 240, new GeoPoint(-180.1, 52.5)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("location.longitude: must be between -180 and 180, was -180.1");
        }

        @Test
        void rejectsANonFiniteCoordinate() {
            fixture.givenNoPriorActivity()
                    .when(place("org-1", 240, new GeoPoint(Double.NaN, 52.5)))
                    .expectException(RuleViolation.class);
        }

        @Test
        void rejectsAMissingContainerType() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceBin("bin-1", "org-1", "NS-1", null, WasteStream.GENERAL, 240, BERLIN, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("containerType: is required");
        }

        @Test
        void rejectsABlankTag() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceBin("bin-1", "org-1", " ", ContainerType.CART, WasteStream.GENERAL, 240, BERLIN, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("tag: must not be blank");
        }
    }
}
