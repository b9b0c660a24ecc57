package io.haulstream.command.territory;

import io.haulstream.command.domain.FakeDirectory;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.TerritoryCreated;
import io.haulstream.events.TerritoryReshaped;
import io.haulstream.events.TerritoryRetired;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TerritoryTest {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");
    private static final int MAX_VERTICES = 8;
    private static final List<GeoPoint> SQUARE = ring(13.39, 52.51, 13.42, 52.53);
    private static final List<GeoPoint> BIGGER = ring(13.38, 52.50, 13.43, 52.54);
    private static final TerritoryCreated CREATED =
            new TerritoryCreated("territory-1", "org-1", "Mitte North", SQUARE, AT);

    private FixtureConfiguration<Territory> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Territory.class);
        fixture.registerInjectableResource(
                new FakeDirectory().organization("org-1").territoryName("org-1", "Wedding"));
        fixture.registerInjectableResource(new TerritoryProperties(MAX_VERTICES));
    }

    /** A rectangle, counter-clockwise and closed. */
    private static List<GeoPoint> ring(double west, double south, double east, double north) {
        return List.of(
                new GeoPoint(west, south),
                new GeoPoint(east, south),
                new GeoPoint(east, north),
                new GeoPoint(west, north),
                new GeoPoint(west, south));
    }

    private static CreateTerritory create(String name, List<GeoPoint> boundary) {
        return new CreateTerritory("territory-1", "org-1", name, boundary, AT);
    }

    @Nested
    class CreateTerritoryCommand {

        @Test
        void createsATerritoryWithItsTrimmedName() {
            fixture.givenNoPriorActivity()
                    .when(create("  Mitte North ", SQUARE))
                    .expectEvents(CREATED);
        }

        @Test
        void refusesAnOpenRing() {
            fixture.givenNoPriorActivity()
                    .when(create("Mitte", SQUARE.subList(0, 4)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("boundary: must be closed: its last point must repeat its first");
        }

        @Test
        void refusesTooFewPoints() {
            fixture.givenNoPriorActivity()
                    .when(create("Mitte", List.of(SQUARE.get(0), SQUARE.get(1), SQUARE.get(0))))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("boundary: must have at least 4 points (a closed ring)");
        }

        @Test
        void refusesMoreThanTheConfiguredVertices() {
            List<GeoPoint> many = new ArrayList<>();
            for (int i = 0; i < MAX_VERTICES; i++) {
                double angle = 2 * Math.PI * i / MAX_VERTICES;
                many.add(new GeoPoint(13.4 + 0.01 * Math.cos(angle), 52.5 + 0.01 * Math.sin(angle)));
            }
            many.add(many.get(0));
            fixture.givenNoPriorActivity()
                    .when(create("Mitte", many))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("boundary: must have at most " + MAX_VERTICES + " points");
        }

        @Test
        void refusesASelfIntersectingRing() {
            List<GeoPoint> bowTie = List.of(
                    new GeoPoint(13.39, 52.51),
                    new GeoPoint(13.42, 52.53),
                    new GeoPoint(13.42, 52.51),
                    new GeoPoint(13.39, 52.53),
                    new GeoPoint(13.39, 52.51));
            fixture.givenNoPriorActivity()
                    .when(create("Mitte", bowTie))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(
                            "boundary: is not a valid polygon: self-intersection near longitude 13.405, latitude 52.52");
        }

        @Test
        void refusesARingWithoutArea() {
            List<GeoPoint> line = List.of(
                    new GeoPoint(13.39, 52.51),
                    new GeoPoint(13.40, 52.51),
                    new GeoPoint(13.41, 52.51),
                    new GeoPoint(13.39, 52.51));
            fixture.givenNoPriorActivity().when(create("Mitte", line)).expectException(RuleViolation.class);
        }

        @Test
        void refusesALatitudeOffTheGlobe() {
            List<GeoPoint> off = new ArrayList<>(SQUARE);
            off.set(2, new GeoPoint(13.42, 95));
            fixture.givenNoPriorActivity()
                    .when(create("Mitte", off))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("boundary[2].latitude: must be between -90 and 90, was 95.0");
        }

        @Test
        void refusesABlankName() {
            fixture.givenNoPriorActivity()
                    .when(create(" ", SQUARE))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("name: must not be blank");
        }

        @Test
        void refusesANameAnotherActiveTerritoryHasInAnyCase() {
            fixture.givenNoPriorActivity()
                    .when(create("WEDDING", SQUARE))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("name: another territory of the organization is named WEDDING");
        }

        @Test
        void refusesAnUnknownOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new CreateTerritory("territory-1", "org-9", "Mitte", SQUARE, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("organizationId: no active organization is registered with id org-9");
        }
    }

    @Nested
    class ReshapeTerritoryCommand {

        @Test
        void reshapes() {
            fixture.given(CREATED)
                    .when(new ReshapeTerritory("territory-1", "org-1", BIGGER, AT))
                    .expectEvents(new TerritoryReshaped("territory-1", "org-1", BIGGER, AT));
        }

        @Test
        void refusesTheSameBoundary() {
            fixture.given(CREATED)
                    .when(new ReshapeTerritory("territory-1", "org-1", SQUARE, AT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("boundary: is already the territory's boundary");
        }

        @Test
        void refusesAnInvalidBoundary() {
            fixture.given(CREATED)
                    .when(new ReshapeTerritory("territory-1", "org-1", BIGGER.subList(0, 4), AT))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void answersAnotherOrganizationAsIfTheTerritoryWereMissing() {
            fixture.given(CREATED)
                    .when(new ReshapeTerritory("territory-1", "org-2", BIGGER, AT))
                    .expectException(NotInOrganization.class);
        }
    }

    @Nested
    class RetireTerritoryCommand {

        @Test
        void retires() {
            fixture.given(CREATED)
                    .when(new RetireTerritory("territory-1", "org-1", AT))
                    .expectEvents(new TerritoryRetired("territory-1", "org-1", AT));
        }

        @Test
        void aRetiredTerritoryTakesNoMoreCommands() {
            fixture.given(CREATED, new TerritoryRetired("territory-1", "org-1", AT))
                    .when(new ReshapeTerritory("territory-1", "org-1", BIGGER, AT))
                    .expectException(AggregateNotFoundException.class);
        }
    }
}
