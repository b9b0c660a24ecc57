package io.haulstream.benchmark.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CityTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 18);
    private static final CitySize SMOKE = CitySize.named("smoke");

    private static City city;
    private static List<GeneratedEvent> events;

    @BeforeAll
    static void generate() {
        city = City.generate(SMOKE, 42L, TODAY);
        events = eventsOf(city);
    }

    @Test
    void generatesTheSameEventsForTheSameSeed() {
        assertThat(eventsOf(City.generate(SMOKE, 42L, TODAY))).isEqualTo(events);
        assertThat(eventsOf(City.generate(SMOKE, 43L, TODAY)).get(0)).isNotEqualTo(events.get(0));
        assertThat(eventsOf(city)).isEqualTo(events);
    }

    /**
     * Pins the smoke city of one seed and day to the last byte. A changed digest means the city
     * changed, and with it every stored benchmark result that was measured on it: change the
     * constants only on purpose, and say so in the results.
     */
    @Test
    void generatesExactlyThePinnedCity() {
        assertThat(eventDigest(events)).isEqualTo("c9ba42d421bb41abaa681db90a87cf2676ca1dc7356a1851b4942d1bce99822b");
        assertThat(accessorDigest(city)).isEqualTo("e40c3ba12e9f124b0cf160078e90e768a084add1e544319478aff8cee8b82150");
    }

    @Test
    void numbersEveryAggregatesEventsFromZeroInEmissionOrder() {
        Map<String, Long> next = new HashMap<>();
        for (GeneratedEvent generated : events) {
            assertThat(generated.aggregateId()).isEqualTo(generated.event().aggregateId());
            long expected = next.getOrDefault(generated.aggregateId(), 0L);
            assertThat(generated.sequence())
                    .as("sequence of %s", generated.event())
                    .isEqualTo(expected);
            next.put(generated.aggregateId(), expected + 1);
        }
        assertThat(city.eventCount()).isEqualTo(events.size());
    }

    @Test
    void emitsThePhasesInOrder() {
        City.Phase previous = City.Phase.ORGANIZATIONS;
        for (GeneratedEvent generated : events) {
            assertThat(generated.phase().ordinal()).isGreaterThanOrEqualTo(previous.ordinal());
            previous = generated.phase();
        }
        assertThat(events.stream().map(GeneratedEvent::phase).distinct()).containsExactly(City.Phase.values());
    }

    @Test
    void matchesTheCountsOfItsSize() {
        Map<Class<?>, Long> counts = new HashMap<>();
        for (GeneratedEvent generated : events) {
            counts.merge(generated.event().getClass(), 1L, Long::sum);
        }
        assertThat(counts.get(OrganizationRegistered.class)).isEqualTo(SMOKE.organizations());
        assertThat(counts.get(CustomerRegistered.class)).isEqualTo(SMOKE.customers());
        assertThat(counts.get(BinPlaced.class)).isEqualTo(SMOKE.bins());
        assertThat(counts.get(RouteCreated.class)).isEqualTo(SMOKE.routes());
        assertThat(counts.get(BinServiced.class)).isEqualTo(SMOKE.serviceEvents());
        assertThat(counts.get(BinAssignedToRoute.class)).isEqualTo(city.assignedBinCount());
        assertThat(city.organizationIds()).hasSize(SMOKE.organizations()).doesNotHaveDuplicates();
        assertThat(city.routeIds()).hasSize(SMOKE.routes()).doesNotHaveDuplicates();
    }

    @Test
    void assignsBinsOnlyToRoutesOfTheirOrganization() {
        Map<String, String> binOrganization = new HashMap<>();
        Map<String, String> routeOrganization = new HashMap<>();
        for (GeneratedEvent generated : events) {
            HaulstreamEvent event = generated.event();
            if (event instanceof BinPlaced placed) {
                binOrganization.put(placed.binId(), placed.organizationId());
            } else if (event instanceof RouteCreated created) {
                routeOrganization.put(created.routeId(), created.organizationId());
            } else if (event instanceof BinAssignedToRoute assigned) {
                assertThat(routeOrganization.get(assigned.routeId())).isEqualTo(assigned.organizationId());
                assertThat(binOrganization.get(assigned.binId())).isEqualTo(assigned.organizationId());
            }
        }
    }

    @Test
    void putsEveryBinOnAtMostOneRoute() {
        Map<String, String> routeOfBin = new HashMap<>();
        Map<String, Integer> stopsOfRoute = new HashMap<>();
        for (GeneratedEvent generated : events) {
            if (generated.event() instanceof BinAssignedToRoute assigned) {
                assertThat(routeOfBin.put(assigned.binId(), assigned.routeId()))
                        .as("earlier route of bin %s", assigned.binId())
                        .isNull();
                int stops = stopsOfRoute.getOrDefault(assigned.routeId(), 0);
                assertThat(assigned.stopIndex()).isEqualTo(stops);
                stopsOfRoute.put(assigned.routeId(), stops + 1);
            }
        }
        assertThat(routeOfBin).hasSize(city.assignedBinCount());
        assertThat(routeOfBin.size()).isGreaterThan(SMOKE.bins() * 7 / 10);
        assertThat(stopsOfRoute.values()).allSatisfy(stops -> assertThat(stops).isBetween(1, City.MAX_STOPS));
    }

    @Test
    void placesEveryBinNearItsCustomer() {
        Map<String, GeoPoint> customerAt = new HashMap<>();
        for (GeneratedEvent generated : events) {
            HaulstreamEvent event = generated.event();
            if (event instanceof CustomerRegistered registered) {
                customerAt.put(registered.customerId(), registered.location());
                assertInBerlin(registered.location());
            } else if (event instanceof BinPlaced placed) {
                assertThat(customerAt).containsKey(placed.customerId());
                assertThat(metres(customerAt.get(placed.customerId()), placed.location()))
                        .as("bin %s from its customer", placed.binId())
                        .isLessThan(50);
            }
        }
    }

    @Test
    void laysRoutesAlongStreetsThroughTheirStops() {
        Map<String, List<GeoPoint>> paths = new HashMap<>();
        Map<String, GeoPoint> binAt = new HashMap<>();
        for (GeneratedEvent generated : events) {
            HaulstreamEvent event = generated.event();
            if (event instanceof BinPlaced placed) {
                binAt.put(placed.binId(), placed.location());
            } else if (event instanceof RouteCreated created) {
                List<GeoPoint> path = created.path();
                assertThat(path).hasSizeBetween(2, City.MAX_ROUTE_VERTICES);
                for (int i = 1; i < path.size(); i++) {
                    assertThat(path.get(i)).isNotEqualTo(path.get(i - 1));
                }
                path.forEach(CityTest::assertInBerlin);
                paths.put(created.routeId(), path);
            } else if (event instanceof BinAssignedToRoute assigned) {
                assertThat(metresFromPath(binAt.get(assigned.binId()), paths.get(assigned.routeId())))
                        .as("stop %s from its route's path", assigned.binId())
                        .isLessThan(500);
            }
        }
    }

    @Test
    void servicesOnlyActiveAssignedBinsOnTheirRouteAndDayWithUniqueFleetRecords() {
        Map<String, String> routeOfBin = new HashMap<>();
        Map<String, DayOfWeek> dayOfRoute = new HashMap<>();
        Set<String> notActive = new HashSet<>();
        Set<String> fleetRecords = new HashSet<>();
        Instant previous = Instant.MIN;
        for (GeneratedEvent generated : events) {
            HaulstreamEvent event = generated.event();
            if (event instanceof RouteCreated created) {
                dayOfRoute.put(created.routeId(), created.serviceDay());
            } else if (event instanceof BinAssignedToRoute assigned) {
                routeOfBin.put(assigned.binId(), assigned.routeId());
            } else if (event instanceof BinStatusChanged changed) {
                notActive.add(changed.binId());
            } else if (event instanceof BinServiced serviced) {
                assertThat(serviced.routeId()).isEqualTo(routeOfBin.get(serviced.binId()));
                assertThat(notActive).doesNotContain(serviced.binId());
                assertThat(fleetRecords.add(serviced.fleetRecordId()))
                        .as("fleet record %s is new", serviced.fleetRecordId())
                        .isTrue();
                ZonedDateTime local = serviced.servicedAt().atZone(City.ZONE);
                assertThat(local.getDayOfWeek()).isEqualTo(dayOfRoute.get(serviced.routeId()));
                assertThat(local.getHour()).isBetween(6, 19);
                assertThat(local.toLocalDate()).isBetween(TODAY.minusDays(SMOKE.days() - 1L), TODAY);
                assertThat(serviced.servicedAt()).isAfterOrEqualTo(previous);
                previous = serviced.servicedAt();
            }
        }
    }

    @Test
    void changesRouteStatusesOnlyAlongTheLifecycle() {
        Map<RouteStatus, Set<RouteStatus>> legal = Map.of(
                RouteStatus.PLANNED, EnumSet.of(RouteStatus.ACTIVE, RouteStatus.SUSPENDED),
                RouteStatus.ACTIVE, EnumSet.of(RouteStatus.IN_PROGRESS, RouteStatus.SUSPENDED),
                RouteStatus.IN_PROGRESS, EnumSet.of(RouteStatus.COMPLETED, RouteStatus.SUSPENDED),
                RouteStatus.COMPLETED, EnumSet.of(RouteStatus.IN_PROGRESS, RouteStatus.ACTIVE, RouteStatus.SUSPENDED),
                RouteStatus.SUSPENDED, EnumSet.of(RouteStatus.ACTIVE));
        Map<String, RouteStatus> status = new HashMap<>();
        for (GeneratedEvent generated : events) {
            HaulstreamEvent event = generated.event();
            if (event instanceof RouteCreated created) {
                status.put(created.routeId(), RouteStatus.PLANNED);
            } else if (event instanceof RouteStatusChanged changed) {
                assertThat(changed.from()).isEqualTo(status.get(changed.routeId()));
                assertThat(legal.get(changed.from())).contains(changed.to());
                status.put(changed.routeId(), changed.to());
            }
        }
        for (int route = 0; route < city.routeCount(); route++) {
            assertThat(city.routeStatus(route)).isEqualTo(status.get(city.routeId(route)));
        }
        assertThat(status.values()).contains(RouteStatus.COMPLETED, RouteStatus.IN_PROGRESS);
    }

    @Test
    void refusesAnUnknownSizeNamingTheKnownOnes() {
        assertThatThrownBy(() -> CitySize.named("huge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smoke, medium, full");
    }

    private static List<GeneratedEvent> eventsOf(City city) {
        List<GeneratedEvent> events = new ArrayList<>();
        city.forEachEvent(events::add);
        return events;
    }

    /** Every event's aggregate, sequence, phase, time, type and JSON body, in emission order. */
    static String eventDigest(List<GeneratedEvent> events) {
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Digest digest = new Digest();
        try {
            for (GeneratedEvent generated : events) {
                digest.add(generated.aggregateId())
                        .add(generated.sequence())
                        .add(generated.phase().name())
                        .add(generated.occurredAt().toString())
                        .add(generated.event().getClass().getName())
                        .add(json.writeValueAsString(generated.event()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return digest.hex();
    }

    /** Every public accessor of every organization, customer, bin and route, and the seeded random picks. */
    static String accessorDigest(City city) {
        Digest digest = new Digest()
                .add(city.size().toString())
                .add(city.seed())
                .add(city.today().toString())
                .add(city.firstDayOfHistory().toString())
                .add(city.eventCount())
                .add(city.serviceEventCount())
                .add(city.assignedBinCount())
                .add(city.organizationCount())
                .add(city.customerCount())
                .add(city.binCount())
                .add(city.routeCount())
                .add(String.join(",", city.organizationIds()))
                .add(String.join(",", city.routeIds()));
        for (int org = 0; org < city.organizationCount(); org++) {
            digest.add(city.organizationId(org))
                    .add(city.organizationName(org))
                    .add(city.organizationRegisteredAt(org).toString());
        }
        for (int customer = 0; customer < city.customerCount(); customer++) {
            digest.add(city.customerId(customer))
                    .add(city.customerOrganization(customer))
                    .add(city.customerName(customer))
                    .add(city.customerAddress(customer))
                    .add(city.customerLongitude(customer))
                    .add(city.customerLatitude(customer))
                    .add(city.customerRegisteredAt(customer).toString());
        }
        for (int bin = 0; bin < city.binCount(); bin++) {
            digest.add(city.binId(bin))
                    .add(city.binCustomer(bin))
                    .add(city.binOrganization(bin))
                    .add(city.binOrganizationId(bin))
                    .add(city.binTag(bin))
                    .add(city.binContainerType(bin).name())
                    .add(city.binWasteStream(bin).name())
                    .add(city.binCapacityLitres(bin))
                    .add(city.binStatus(bin).name())
                    .add(String.valueOf(city.binFillPercent(bin)))
                    .add(city.binLongitude(bin))
                    .add(city.binLatitude(bin))
                    .add(city.binRoute(bin))
                    .add(city.binPlacedAt(bin).toString());
        }
        for (int route = 0; route < city.routeCount(); route++) {
            digest.add(city.routeId(route))
                    .add(city.routeOrganization(route))
                    .add(city.routeOrganizationId(route))
                    .add(city.routeName(route))
                    .add(city.routeType(route).name())
                    .add(city.routeServiceDay(route).name())
                    .add(city.routeTerritory(route))
                    .add(city.routeStatus(route).name())
                    .add(city.routeStopCount(route))
                    .add(city.routeCreatedAt(route).toString());
            for (GeoPoint point : city.routePath(route)) {
                digest.add(point.longitude()).add(point.latitude());
            }
            for (int stop : city.routeStops(route)) {
                digest.add(stop);
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            double[] point = city.randomPointNearBins(random);
            digest.add(point[0]).add(point[1]).add(city.randomBin(random)).add(city.randomRoute(random));
        }
        return digest.hex();
    }

    /** SHA-256 over length-prefixed strings and exact bits of numbers, so no two sequences of values collide by framing. */
    private static final class Digest {
        private final MessageDigest sha;

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Digest add(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            add(bytes.length);
            sha.update(bytes);
            return this;
        }

        Digest add(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                sha.update((byte) (value >>> shift));
            }
            return this;
        }

        Digest add(double value) {
            return add(Double.doubleToRawLongBits(value));
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    private static void assertInBerlin(GeoPoint point) {
        assertThat(point.longitude()).isBetween(13.0, 13.8);
        assertThat(point.latitude()).isBetween(52.3, 52.7);
    }

    /** Equirectangular: exact enough within a city. */
    private static double metres(GeoPoint a, GeoPoint b) {
        double x = (b.longitude() - a.longitude()) * 111_320 * Math.cos(Math.toRadians(a.latitude()));
        double y = (b.latitude() - a.latitude()) * 111_320;
        return Math.hypot(x, y);
    }

    private static double metresFromPath(GeoPoint point, List<GeoPoint> path) {
        double best = Double.MAX_VALUE;
        double scale = 111_320 * Math.cos(Math.toRadians(point.latitude()));
        for (int i = 1; i < path.size(); i++) {
            double ax = (path.get(i - 1).longitude() - point.longitude()) * scale;
            double ay = (path.get(i - 1).latitude() - point.latitude()) * 111_320;
            double bx = (path.get(i).longitude() - point.longitude()) * scale;
            double by = (path.get(i).latitude() - point.latitude()) * 111_320;
            double dx = bx - ax;
            double dy = by - ay;
            double t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
            best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
        }
        return best;
    }
}
