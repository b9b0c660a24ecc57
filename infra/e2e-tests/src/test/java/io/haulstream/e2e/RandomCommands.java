package io.haulstream.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The random commands of {@link StatisticsExactnessIT}: bins, routes, services and territories of a
 * few organizations, many of them refused by the rules, which is part of the test, and a count of
 * the accepted ones by kind.
 */
final class RandomCommands {

    /** The command API, as the test sends to it. */
    interface Http {
        HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException;

        HttpResponse<String> put(String path, Object body) throws IOException, InterruptedException;

        HttpResponse<String> delete(String path) throws IOException, InterruptedException;
    }

    /**
     * The fewest commands of each kind the API must have accepted: an API that refused a kind (or
     * everything) would otherwise leave the statistics trivially equal to their truth.
     */
    static final int MIN_ACCEPTED_OF_EACH_KIND = 3;

    /** The fleet system the services name; the test binds it to each organization first. */
    static final String FLEET_SYSTEM = "e2e-trucks";

    static final List<String> KINDS = List.of(
            "territory created",
            "territory reshaped",
            "territory retired",
            "bin moved",
            "route path changed",
            "bin placed",
            "route created",
            "bin status changed",
            "fill level reported",
            "bin serviced",
            "bin removed",
            "route status changed",
            "stop assigned",
            "route deleted");

    private final Http http;
    private final List<String> organizations;
    private final Map<String, List<String>> customers;
    private final Map<String, List<String>> bins;
    private final Map<String, List<String>> routes;
    private final Map<String, List<String>> territories;
    private final Map<String, AtomicInteger> acceptedByKind = new ConcurrentHashMap<>();

    RandomCommands(
            Http http,
            List<String> organizations,
            Map<String, List<String>> customers,
            Map<String, List<String>> bins,
            Map<String, List<String>> routes,
            Map<String, List<String>> territories) {
        this.http = http;
        this.organizations = organizations;
        this.customers = customers;
        this.bins = bins;
        this.routes = routes;
        this.territories = territories;
    }

    /** How many commands of the kind were accepted. */
    int accepted(String kind) {
        return acceptedByKind.getOrDefault(kind, new AtomicInteger()).get();
    }

    Map<String, AtomicInteger> acceptedByKind() {
        return acceptedByKind;
    }

    /** One command, chosen at random; many are refused by the rules, which is part of the test. */
    void randomCommand(Random dice) throws Exception {
        String organization = organizations.get(dice.nextInt(organizations.size()));
        String base = "/api/v1/organizations/" + organization;
        List<String> ofBins = bins.get(organization);
        List<String> ofRoutes = routes.get(organization);
        List<String> ofTerritories = territories.get(organization);
        if (dice.nextInt(100) < 8) {
            territoryCommand(dice, base, ofTerritories);
            return;
        }
        if (dice.nextInt(100) < 6 && !ofBins.isEmpty()) {
            accepted(
                    "bin moved",
                    http.put(base + "/bins/" + ofBins.get(dice.nextInt(ofBins.size())) + "/location", point(dice)));
            return;
        }
        if (dice.nextInt(100) < 3 && !ofRoutes.isEmpty()) {
            accepted(
                    "route path changed",
                    http.put(
                            base + "/routes/" + ofRoutes.get(dice.nextInt(ofRoutes.size())) + "/geometry",
                            Map.of("path", List.of(point(dice), point(dice)))));
            return;
        }
        int roll = dice.nextInt(100);
        if (roll < 30 || ofBins.isEmpty()) {
            String customer = customers.get(organization).get(dice.nextInt(2));
            HttpResponse<String> placed =
                    accepted("bin placed", http.post(base + "/bins", bin(customer, "R-" + UUID.randomUUID(), dice)));
            if (placed.statusCode() == 201) {
                ofBins.add(id(placed));
            }
        } else if (roll < 38 || ofRoutes.isEmpty()) {
            HttpResponse<String> created = accepted(
                    "route created",
                    http.post(
                            base + "/routes",
                            Map.of(
                                    "name", "Route",
                                    "type", pick(dice, "RESIDENTIAL", "COMMERCIAL", "ROLL_OFF", "RECYCLING"),
                                    "serviceDay", pick(dice, "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                                    "territory", "T",
                                    "path", List.of(point(dice), point(dice)))));
            if (created.statusCode() == 201) {
                ofRoutes.add(id(created));
            }
        } else {
            String bin = ofBins.get(dice.nextInt(ofBins.size()));
            String route = ofRoutes.get(dice.nextInt(ofRoutes.size()));
            if (roll < 48) {
                accepted(
                        "bin status changed",
                        http.put(
                                base + "/bins/" + bin + "/status",
                                Map.of("status", pick(dice, "ACTIVE", "INACTIVE", "MAINTENANCE", "RETIRED"))));
            } else if (roll < 62) {
                accepted(
                        "fill level reported",
                        http.post(base + "/bins/" + bin + "/fill-levels", Map.of("fillPercent", dice.nextInt(101))));
            } else if (roll < 82) {
                accepted(
                        "bin serviced",
                        http.post(
                                base + "/bins/" + bin + "/services",
                                Map.of(
                                        "routeId", route,
                                        "outcome",
                                                pick(
                                                        dice,
                                                        "EMPTIED",
                                                        "EMPTIED",
                                                        "EMPTIED",
                                                        "MISSED",
                                                        "BLOCKED",
                                                        "CONTAMINATED",
                                                        "NOT_OUT"),
                                        "weightKg", dice.nextInt(50),
                                        "fleetSystem", FLEET_SYSTEM,
                                        "fleetRecordId", UUID.randomUUID().toString())));
            } else if (roll < 85) {
                accepted("bin removed", http.delete(base + "/bins/" + bin));
            } else if (roll < 95) {
                accepted(
                        "route status changed",
                        http.put(
                                base + "/routes/" + route + "/status",
                                Map.of("status", pick(dice, "ACTIVE", "IN_PROGRESS", "COMPLETED", "SUSPENDED"))));
            } else if (roll < 98) {
                accepted("stop assigned", http.put(base + "/routes/" + route + "/stops/" + bin, Map.of()));
            } else {
                accepted("route deleted", http.delete(base + "/routes/" + route));
            }
        }
    }

    /**
     * Creates a territory (a random rectangle over part of the bins' area, often overlapping
     * another), reshapes one or retires one. Names repeat now and then, which the rule refuses.
     */
    private void territoryCommand(Random dice, String base, List<String> ofTerritories) throws Exception {
        int roll = dice.nextInt(10);
        if (roll < 5 || ofTerritories.isEmpty()) {
            HttpResponse<String> created = accepted(
                    "territory created",
                    http.post(
                            base + "/territories",
                            Map.of("name", "Territory " + dice.nextInt(40), "boundary", rectangle(dice))));
            if (created.statusCode() == 201) {
                ofTerritories.add(id(created));
            }
        } else if (roll < 8) {
            accepted(
                    "territory reshaped",
                    http.put(
                            base + "/territories/" + ofTerritories.get(dice.nextInt(ofTerritories.size()))
                                    + "/boundary",
                            Map.of("boundary", rectangle(dice))));
        } else {
            accepted(
                    "territory retired",
                    http.delete(base + "/territories/" + ofTerritories.get(dice.nextInt(ofTerritories.size()))));
        }
    }

    /** Counts the command's kind when the API accepted it (2xx); a refusal is part of the test too. */
    private HttpResponse<String> accepted(String kind, HttpResponse<String> reply) {
        if (reply.statusCode() / 100 == 2) {
            acceptedByKind.computeIfAbsent(kind, key -> new AtomicInteger()).incrementAndGet();
        }
        return reply;
    }

    /** A closed ring inside the bins' area: a tenth to a half of it in each direction. */
    private static List<Map<String, Object>> rectangle(Random dice) {
        double west = 13.3 + dice.nextDouble() * 0.15;
        double south = 52.4 + dice.nextDouble() * 0.15;
        double east = west + 0.02 + dice.nextDouble() * 0.08;
        double north = south + 0.02 + dice.nextDouble() * 0.08;
        return List.of(
                Map.of("latitude", south, "longitude", west),
                Map.of("latitude", south, "longitude", east),
                Map.of("latitude", north, "longitude", east),
                Map.of("latitude", north, "longitude", west),
                Map.of("latitude", south, "longitude", west));
    }

    static Map<String, Object> bin(String customer, String tag, Random dice) {
        return Map.of(
                "customerId",
                customer,
                "tag",
                tag,
                "containerType",
                pick(dice, "CART", "FRONT_LOAD", "REAR_LOAD", "ROLL_OFF", "COMPACTOR"),
                "wasteStream",
                pick(dice, "GENERAL", "RECYCLING", "ORGANIC", "GLASS"),
                "capacityLitres",
                240,
                "location",
                point(dice));
    }

    static Map<String, Object> point(Random dice) {
        return Map.of("latitude", 52.4 + dice.nextDouble() * 0.2, "longitude", 13.3 + dice.nextDouble() * 0.2);
    }

    private static String pick(Random dice, String... values) {
        return values[dice.nextInt(values.length)];
    }

    private static String id(HttpResponse<String> reply) throws IOException {
        return StatisticsExactnessIT.JSON.readTree(reply.body()).get("id").asText();
    }
}
