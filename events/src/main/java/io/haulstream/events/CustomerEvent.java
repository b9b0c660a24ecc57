package io.haulstream.events;

/** What happens to a customer: a place an organization serves, with a service address. */
public sealed interface CustomerEvent extends HaulstreamEvent
        permits CustomerRegistered, CustomerUpdated, CustomerClosed {

    String customerId();

    String organizationId();

    @Override
    default String aggregateId() {
        return customerId();
    }
}
