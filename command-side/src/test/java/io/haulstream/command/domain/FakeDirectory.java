package io.haulstream.command.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The lookups as a unit test states them: which organizations, customers, bins, routes, stops and tags exist. */
public class FakeDirectory implements Directory {

    private final Set<String> activeOrganizations = new HashSet<>();
    private final Map<String, String> openCustomers = new HashMap<>();
    private final Map<String, String> placedBins = new HashMap<>();
    private final Set<String> takenTags = new HashSet<>();
    private final Set<String> territoryNames = new HashSet<>();
    private final Map<String, String> routes = new HashMap<>();
    private final Set<String> stops = new HashSet<>();
    private final Set<String> claimedFleetRecords = new HashSet<>();
    private final Set<String> fleetSystemBindings = new HashSet<>();

    public FakeDirectory organization(String organizationId) {
        activeOrganizations.add(organizationId);
        return this;
    }

    public FakeDirectory customer(String customerId, String organizationId) {
        openCustomers.put(customerId, organizationId);
        return this;
    }

    public FakeDirectory bin(String binId, String organizationId) {
        placedBins.put(binId, organizationId);
        return this;
    }

    public FakeDirectory route(String routeId, String organizationId) {
        routes.put(routeId, organizationId);
        return this;
    }

    public FakeDirectory stop(String routeId, String binId) {
        stops.add(routeId + "/" + binId);
        return this;
    }

    /** A fleet record id applied before, by either way in. */
    public FakeDirectory fleetRecord(String fleetSystem, String recordId) {
        claimedFleetRecords.add(fleetSystem + "/" + recordId);
        return this;
    }

    /** An operator's binding: the fleet system may touch the organization's bins and routes. */
    public FakeDirectory fleetSystem(String fleetSystem, String organizationId) {
        fleetSystemBindings.add(fleetSystem + "/" + organizationId);
        return this;
    }

    public boolean isFleetRecordClaimed(String fleetSystem, String recordId) {
        return claimedFleetRecords.contains(fleetSystem + "/" + recordId);
    }

    /** An active territory's name, stored in lower case as the lookup compares names. */
    public FakeDirectory territoryName(String organizationId, String name) {
        territoryNames.add(organizationId + "/" + name.toLowerCase(java.util.Locale.ROOT));
        return this;
    }

    public FakeDirectory tag(String organizationId, String tag) {
        takenTags.add(organizationId + "/" + tag);
        return this;
    }

    @Override
    public boolean isActiveOrganization(String organizationId) {
        return activeOrganizations.contains(organizationId);
    }

    @Override
    public Optional<String> organizationOfOpenCustomer(String customerId) {
        return Optional.ofNullable(openCustomers.get(customerId));
    }

    @Override
    public Optional<String> organizationOfPlacedBin(String binId) {
        return Optional.ofNullable(placedBins.get(binId));
    }

    @Override
    public boolean isTagTaken(String organizationId, String tag) {
        return takenTags.contains(organizationId + "/" + tag);
    }

    @Override
    public boolean isTerritoryNameTaken(String organizationId, String name) {
        return territoryNames.contains(organizationId + "/" + name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Optional<String> organizationOfRoute(String routeId) {
        return Optional.ofNullable(routes.get(routeId));
    }

    @Override
    public List<String> routesWithStop(String binId) {
        return stops.stream()
                .filter(stop -> stop.endsWith("/" + binId))
                .map(stop -> stop.substring(0, stop.indexOf('/')))
                .sorted()
                .toList();
    }

    @Override
    public boolean claimFleetRecord(String fleetSystem, String recordId, String recordType, String aggregateId) {
        return claimedFleetRecords.add(fleetSystem + "/" + recordId);
    }

    @Override
    public boolean isFleetSystemBound(String fleetSystem, String organizationId) {
        return fleetSystemBindings.contains(fleetSystem + "/" + organizationId);
    }
}
