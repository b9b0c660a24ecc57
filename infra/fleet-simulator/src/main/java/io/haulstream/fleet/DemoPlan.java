package io.haulstream.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo city as {@code infra/demo/load-demo.sh} leaves it: its routes with their stops, and every bin
 * of each organization. The loader writes it because the simulator must name real ids, and only the
 * loader knows them.
 *
 * <p>The file is tab-separated, one line per route or bin:
 * {@code route<TAB>organizationId<TAB>routeId<TAB>binId,binId,...} with the stops in their order, and
 * {@code bin<TAB>organizationId<TAB>binId}.
 */
record DemoPlan(List<PlannedRoute> routes, Map<String, List<String>> binsByOrganization) {

    record PlannedRoute(String organizationId, String routeId, List<String> stops) {

        PlannedRoute {
            stops = List.copyOf(stops);
        }
    }

    DemoPlan {
        routes = List.copyOf(routes);
        binsByOrganization = binsByOrganization.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
    }

    List<String> binsOf(String organizationId) {
        return binsByOrganization.getOrDefault(organizationId, List.of());
    }

    static DemoPlan read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(
                    file + " does not exist; infra/demo/load-demo.sh writes it when it loads the demo city");
        }
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * @param source names the plan in errors, which also name the line, so that a broken file can be fixed
     */
    static DemoPlan parse(String source, List<String> lines) {
        List<PlannedRoute> routes = new ArrayList<>();
        List<Integer> routeLines = new ArrayList<>();
        Map<String, List<String>> bins = new LinkedHashMap<>();
        Set<String> routeIds = new HashSet<>();
        for (int index = 0; index < lines.size(); index++) {
            int number = index + 1;
            String[] fields = lines.get(index).split("\t", -1);
            if (fields[0].equals("route") && fields.length == 4) {
                PlannedRoute route = new PlannedRoute(
                        id(source, number, fields[1], "organizationId"),
                        id(source, number, fields[2], "routeId"),
                        stops(source, number, fields[3]));
                if (!routeIds.add(route.routeId())) {
                    throw invalid(source, number, "route " + route.routeId() + " is planned twice");
                }
                routes.add(route);
                routeLines.add(number);
            } else if (fields[0].equals("bin") && fields.length == 3) {
                bins.computeIfAbsent(id(source, number, fields[1], "organizationId"), organization -> new ArrayList<>())
                        .add(id(source, number, fields[2], "binId"));
            } else {
                throw invalid(
                        source,
                        number,
                        "expected route<TAB>organizationId<TAB>routeId<TAB>binId,binId,... or"
                                + " bin<TAB>organizationId<TAB>binId, found '" + lines.get(index) + "'");
            }
        }
        if (routes.isEmpty()) {
            throw new IllegalArgumentException(source + ": no route line, so there is nothing to drive");
        }
        for (int index = 0; index < routes.size(); index++) {
            PlannedRoute route = routes.get(index);
            List<String> ofOrganization = bins.getOrDefault(route.organizationId(), List.of());
            for (String stop : route.stops()) {
                if (!ofOrganization.contains(stop)) {
                    throw invalid(
                            source,
                            routeLines.get(index),
                            "stop " + stop + " has no bin line of organization " + route.organizationId());
                }
            }
        }
        return new DemoPlan(routes, bins);
    }

    private static List<String> stops(String source, int number, String field) {
        List<String> stops = new ArrayList<>();
        for (String stop : field.split(",", -1)) {
            stops.add(id(source, number, stop, "stop binId"));
        }
        return stops;
    }

    private static String id(String source, int number, String field, String name) {
        if (field.isBlank()) {
            throw invalid(source, number, name + " is blank");
        }
        return field.strip();
    }

    private static IllegalArgumentException invalid(String source, int number, String problem) {
        return new IllegalArgumentException(source + " line " + number + ": " + problem);
    }
}
