package io.haulstream.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An organization with customers and bins of the benchmark's own, placed through the command API.
 * The generated city's bins went straight to Kafka and are unknown to the command side's event
 * store, so every command or fleet record the benchmark sends goes to bins placed here.
 */
final class Placement {

    private static final int CUSTOMERS = 10;
    private static final int THREADS = 4;

    private final Http http;
    private final String api;

    Placement(Http http, Settings settings) {
        this.http = http;
        this.api = settings.commandUrl() + "/api/v1";
    }

    record Placed(String organizationId, List<String> bins) {}

    /** Places the organization, ten customers and the bins, a few at a time, showing progress. */
    Placed place(String name, String tagPrefix, int bins) throws Exception {
        String organization = http.send("POST", api + "/organizations", Map.of("name", name))
                .get("id")
                .asText();
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            customers.add(http.send(
                            "POST",
                            api + "/organizations/" + organization + "/customers",
                            Map.of(
                                    "name", name + " customer " + c,
                                    "serviceAddress", c + " Benchmark Street",
                                    "location", point(c)))
                    .get("id")
                    .asText());
        }
        String[] ids = new String[bins];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Progress progress = new Progress(name + ": placing bins", bins, "bins")) {
            List<Future<?>> placing = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                int bin = b;
                placing.add(pool.submit(() -> {
                    ids[bin] = http.send(
                                    "POST",
                                    api + "/organizations/" + organization + "/bins",
                                    Map.of(
                                            "customerId",
                                            customers.get(bin % customers.size()),
                                            "tag",
                                            tagPrefix + "-" + bin,
                                            "containerType",
                                            "CART",
                                            "wasteStream",
                                            "GENERAL",
                                            "capacityLitres",
                                            240,
                                            "location",
                                            point(bin)))
                            .get("id")
                            .asText();
                    progress.step();
                    return null;
                }));
            }
            for (Future<?> bin : placing) {
                bin.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Placed(organization, Arrays.asList(ids));
    }

    private static Map<String, Double> point(int i) {
        return Map.of("latitude", 52.45 + (i % 100) * 0.001, "longitude", 13.30 + (i / 100 % 100) * 0.001);
    }
}
