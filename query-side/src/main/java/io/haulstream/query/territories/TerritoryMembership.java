package io.haulstream.query.territories;

import io.haulstream.events.BinEvent;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteEvent;
import io.haulstream.events.RouteGeometryChanged;
import io.haulstream.events.TerritoryCreated;
import io.haulstream.events.TerritoryEvent;
import io.haulstream.events.TerritoryReshaped;
import io.haulstream.events.TerritoryRetired;
import io.haulstream.query.projection.ProjectedEvent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the territory membership and the territory statistics share: the events that can move a
 * bin or route between territories and what a batch of them touches.
 */
public final class TerritoryMembership {

    /** The events that can change a bin's or a route's territory. */
    public static final Set<Class<? extends HaulstreamEvent>> EVENTS = Set.of(
            BinPlaced.class,
            BinMoved.class,
            BinRemoved.class,
            RouteCreated.class,
            RouteGeometryChanged.class,
            RouteDeleted.class,
            TerritoryCreated.class,
            TerritoryReshaped.class,
            TerritoryRetired.class);

    private TerritoryMembership() {}

    /** The bins, routes and territories a batch's events name, and their organizations, each in id order. */
    public record Touched(Set<String> bins, Set<String> routes, Set<String> territories, Set<String> organizations) {

        public static Touched by(List<ProjectedEvent> events) {
            Touched touched = new Touched(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
            for (ProjectedEvent projected : events) {
                HaulstreamEvent event = projected.event();
                if (event instanceof BinEvent bin) {
                    touched.bins.add(bin.binId());
                    touched.organizations.add(bin.organizationId());
                } else if (event instanceof RouteEvent route) {
                    touched.routes.add(route.routeId());
                    touched.organizations.add(route.organizationId());
                } else if (event instanceof TerritoryEvent territory) {
                    touched.territories.add(territory.territoryId());
                    touched.organizations.add(territory.organizationId());
                }
            }
            return touched;
        }
    }
}
