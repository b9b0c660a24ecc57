package io.haulstream.events.fleet;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A record on {@code haulstream.fleet.inbound}. The {@code type} property names the kind; the
 * {@code fleetSystem} names who sent it, and the {@code recordId} is that system's own id, so a
 * record sent twice changes nothing. Ids of two fleet systems never collide: a record is known by
 * the pair.
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

    /** A fleet id is kept in every event it caused, so it stays short. */
    int MAX_RECORD_ID_LENGTH = 255;

    /**
     * A fleet system's name: also its Kafka principal's name in production (see the README), so it
     * keeps to the characters principals, metric tags and log lines take without quoting.
     */
    String FLEET_SYSTEM_REGEX = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    Pattern FLEET_SYSTEM = Pattern.compile(FLEET_SYSTEM_REGEX);

    String fleetSystem();

    String recordId();

    Instant occurredAt();
}
