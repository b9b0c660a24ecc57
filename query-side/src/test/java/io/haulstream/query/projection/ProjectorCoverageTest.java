package io.haulstream.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.events.HaulstreamEvent;
import java.lang.reflect.Constructor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Every event type of the published language is read by some projector, or is named here as one
 * the read model has no use for. A new event added to a sealed interface without either fails this
 * test, instead of being dropped silently by every projector.
 */
class ProjectorCoverageTest {

    /** Event types no read model needs, each with its reason. None today. */
    private static final Set<Class<? extends HaulstreamEvent>> IGNORED = Set.of();

    @Test
    void everyEventTypeIsHandledByAProjectorOrExplicitlyIgnored() throws Exception {
        Set<Class<? extends HaulstreamEvent>> handled = new HashSet<>();
        for (Projector projector : projectors()) {
            handled.addAll(projector.handles());
        }
        Set<Class<? extends HaulstreamEvent>> unread = HaulstreamEvent.allTypes()
                .filter(type -> !handled.contains(type) && !IGNORED.contains(type))
                .collect(Collectors.toSet());

        assertThat(unread).as("event types no projector handles").isEmpty();
        assertThat(handled)
                .as("projectors name only events of the catalogue")
                .allMatch(type -> HaulstreamEvent.allTypes().anyMatch(type::equals));
    }

    @Test
    void findsTheProjectorsOfEveryReadModel() throws Exception {
        assertThat(projectors())
                .extracting(projector -> projector.getClass().getSimpleName())
                .contains(
                        "OrganizationsProjector",
                        "CustomersProjector",
                        "RoutesProjector",
                        "BinsProjector",
                        "RouteStatisticsProjector",
                        "BinStatisticsProjector",
                        "RoutePerformanceProjector",
                        "ServiceHistoryProjector",
                        "TerritoriesProjector",
                        "TerritoryMembershipProjector",
                        "TerritoryStatisticsProjector",
                        "AuditProjector");
    }

    /** Every projector of the application, made without its database: {@code handles()} needs none. */
    private static List<Projector> projectors() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Projector.class));
        List<Projector> projectors = new java.util.ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("io.haulstream.query")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            Constructor<?> constructor = type.getDeclaredConstructors()[0];
            constructor.setAccessible(true);
            projectors.add((Projector) constructor.newInstance(new Object[constructor.getParameterCount()]));
        }
        return projectors;
    }
}
