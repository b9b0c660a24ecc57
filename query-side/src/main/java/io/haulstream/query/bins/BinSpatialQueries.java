package io.haulstream.query.bins;

import io.haulstream.query.monitoring.SpatialQuery;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bin queries whose plans the monitoring checks, with the index each is written for (V5). */
@Configuration(proxyBeanMethods = false)
class BinSpatialQueries {

    static final String INDEX = "bins_organization_active_location_idx";
    private static final String FAMILY = "/api/v1/organizations/{organizationId}/bins/";

    /** Any organization: the plan is the same for each, and a real id is not needed to explain it. */
    private static Map<String, Object> sample(Map<String, Object> extra) {
        var sample = new java.util.HashMap<String, Object>(
                Map.of("organizationId", "plan-check", "latitude", 52.52, "longitude", 13.405, "limit", 10));
        sample.putAll(extra);
        return sample;
    }

    @Bean
    SpatialQuery binsWithin() {
        return new SpatialQuery(
                FAMILY + "within", "read_model.bins", INDEX, BinQueries.WITHIN, sample(Map.of("radiusMetres", 2000.0)));
    }

    @Bean
    SpatialQuery binsNearest() {
        return new SpatialQuery(FAMILY + "nearest", "read_model.bins", INDEX, BinQueries.NEAREST, sample(Map.of()));
    }
}
