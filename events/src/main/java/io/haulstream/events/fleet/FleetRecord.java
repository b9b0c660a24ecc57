package io.haulstream.events.fleet;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A record on {@code haulstream.fleet.inbound}. The {@code type} property names the kind; the
 * {@code recordId} is the fleet system's own id, so a record sent twice changes nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BinServicedRecord.class, name = "BIN_SERVICED"),
    @JsonSubTypes.Type(value = FillLevelReportedRecord.class, name = "FILL_LEVEL_REPORTED"),
    @JsonSubTypes.Type(value = RouteStartedRecord.class, name = "ROUTE_STARTED"),
    @JsonSubTypes.Type(value = RouteCompletedRecord.class, name = "ROUTE_COMPLETED")
})
public sealed interface FleetRecord
        permits BinServicedRecord, FillLevelReportedRecord, RouteStartedRecord, RouteCompletedRecord {

    String recordId();

    Instant occurredAt();
}
