package io.haulstream.benchmark.city;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How big a city to generate.
 *
 * @param customers between {@code organizations} and {@code bins}: every hauler has a customer and
 *     every customer has 1 to 5 bins
 * @param serviceEvents exactly this many {@code BinServiced} events are generated; the routes must
 *     have room for them (see {@link City#generate})
 * @param days how many days of service history, ending today
 */
public record CitySize(
        String name, int organizations, int customers, int bins, int routes, int serviceEvents, int days) {

    private static final Map<String, CitySize> PRESETS = presets();

    public CitySize {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a city size needs a name");
        }
        if (organizations < 1) {
            throw new IllegalArgumentException("a city needs at least one organization, was " + organizations);
        }
        if (customers < organizations) {
            throw new IllegalArgumentException(
                    "every organization needs a customer: " + customers + " customers for " + organizations);
        }
        if (bins < customers || bins > 5L * customers) {
            throw new IllegalArgumentException(
                    "every customer has 1 to 5 bins: " + bins + " bins for " + customers + " customers");
        }
        if (routes < 0 || serviceEvents < 0) {
            throw new IllegalArgumentException("routes and service events must not be negative");
        }
        if (days < 1) {
            throw new IllegalArgumentException("the service history covers at least one day, was " + days);
        }
    }

    /** @throws IllegalArgumentException for a name that is not a preset, listing the presets */
    public static CitySize named(String name) {
        CitySize size = name == null ? null : PRESETS.get(name.strip().toLowerCase(Locale.ROOT));
        if (size == null) {
            throw new IllegalArgumentException(
                    "unknown city size '" + name + "'; known sizes: " + String.join(", ", PRESETS.keySet()));
        }
        return size;
    }

    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    public long totalEntities() {
        return (long) organizations + customers + bins + routes;
    }

    private static Map<String, CitySize> presets() {
        Map<String, CitySize> presets = new LinkedHashMap<>();
        presets.put("smoke", new CitySize("smoke", 3, 4_000, 10_000, 100, 20_000, 28));
        presets.put("medium", new CitySize("medium", 10, 40_000, 100_000, 1_000, 200_000, 28));
        presets.put("full", new CitySize("full", 20, 400_000, 1_000_000, 10_000, 2_000_000, 28));
        return presets;
    }
}
