package io.haulstream.query.monitoring;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The monitoring endpoints; {@link ManagementConnector} serves them on the management port only. */
@RestController
@RequestMapping("/health/database")
class MonitoringController {

    private final Coordination coordination;
    private final DatabaseStatistics statistics;
    private final QueryFamilies families;
    private final SpatialPlans plans;
    private final OnDemandBenchmark benchmark;

    MonitoringController(
            Coordination coordination,
            DatabaseStatistics statistics,
            QueryFamilies families,
            SpatialPlans plans,
            OnDemandBenchmark benchmark) {
        this.coordination = coordination;
        this.statistics = statistics;
        this.families = families;
        this.plans = plans;
        this.benchmark = benchmark;
    }

    @GetMapping("/performance/coordination")
    Map<String, Object> coordination() {
        return coordination.report();
    }

    @GetMapping("/optimization/statistics")
    Map<String, Object> statistics() {
        return statistics.report();
    }

    /** {@code recheck=true} explains the spatial queries now instead of reporting the last check. */
    @GetMapping("/spatial/performance")
    Map<String, Object> spatial(@RequestParam(name = "recheck", defaultValue = "false") boolean recheck) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("at", Instant.now());
        reply.put("families", families.spatialOnes());
        reply.put("gistIndexes", plans.gistIndexes());
        reply.put("planChecks", recheck ? plans.check() : plans.latest());
        return reply;
    }

    @PostMapping("/performance/benchmark")
    Map<String, Object> benchmark(@RequestBody OnDemandBenchmark.Request request) throws InterruptedException {
        return benchmark.run(request);
    }
}
