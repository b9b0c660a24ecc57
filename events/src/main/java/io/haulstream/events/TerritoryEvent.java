package io.haulstream.events;

/**
 * What happens to a territory: an organization's named service area on the map. Bins and routes
 * are not told; readers derive which territory they lie in from the geometry.
 */
public sealed interface TerritoryEvent extends HaulstreamEvent
        permits TerritoryCreated, TerritoryReshaped, TerritoryRetired {

    String territoryId();

    String organizationId();

    @Override
    default String aggregateId() {
        return territoryId();
    }
}
