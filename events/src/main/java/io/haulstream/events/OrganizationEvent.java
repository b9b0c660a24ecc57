package io.haulstream.events;

/** What happens to an organization, the tenant that owns customers, bins and routes. */
public sealed interface OrganizationEvent extends HaulstreamEvent
        permits OrganizationRegistered, OrganizationRenamed, OrganizationDeactivated {

    String organizationId();

    @Override
    default String aggregateId() {
        return organizationId();
    }
}
