package io.haulstream.events;

/** What happens to a bin, a container with a place on the map. */
public sealed interface BinEvent extends HaulstreamEvent
        permits BinPlaced, BinMoved, BinStatusChanged, BinFillLevelReported, BinServiced, BinRemoved {

    String binId();

    /** Every bin event names its tenant, so a consumer can scope it without a lookup. */
    String organizationId();

    @Override
    default String aggregateId() {
        return binId();
    }
}
