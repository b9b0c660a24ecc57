package io.haulstream.command.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.command.bin.ReportFillLevel;
import io.haulstream.command.bin.ServiceBin;
import io.haulstream.command.route.ChangeRouteStatus;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.fleet.BinServicedRecord;
import io.haulstream.events.fleet.FillLevelReportedRecord;
import io.haulstream.events.fleet.FleetRecord;
import io.haulstream.events.fleet.RouteCompletedRecord;
import io.haulstream.events.fleet.RouteStartedRecord;
import java.io.IOException;
import org.springframework.stereotype.Component;

/** Reads a fleet record and says which command it asks for; what it cannot read it names precisely. */
@Component
class FleetRecordTranslator {

    /** As on the command API: a fleet id is kept in every event it caused, so it stays short. */
    static final int MAX_RECORD_ID_LENGTH = 255;

    private final ObjectMapper json;

    FleetRecordTranslator(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A usable record's command, with the record's id so that a repeat can be recognised, and the
     * id of the aggregate the command is for, so that records for one aggregate keep their order.
     */
    record Translated(String recordId, String recordType, String aggregateId, Object command) {}

    Translated translate(byte[] value) {
        FleetRecord record = read(value);
        require(record.recordId(), "recordId");
        if (record.recordId().length() > MAX_RECORD_ID_LENGTH) {
            throw new UnusableFleetRecord("recordId is longer than " + MAX_RECORD_ID_LENGTH + " characters");
        }
        require(record.occurredAt(), "occurredAt");
        return new Translated(
                record.recordId(), record.getClass().getSimpleName(), aggregateId(record), toCommand(record));
    }

    private Object toCommand(FleetRecord record) {
        if (record instanceof BinServicedRecord serviced) {
            require(serviced.binId(), "binId");
            require(serviced.outcome(), "outcome");
            return new ServiceBin(
                    serviced.binId(),
                    null,
                    serviced.routeId(),
                    serviced.outcome(),
                    serviced.weightKg(),
                    serviced.recordId(),
                    serviced.vehicleId(),
                    serviced.occurredAt());
        }
        if (record instanceof FillLevelReportedRecord reported) {
            require(reported.binId(), "binId");
            require(reported.fillPercent(), "fillPercent");
            return new ReportFillLevel(
                    reported.binId(), null, reported.fillPercent(), reported.recordId(), reported.occurredAt());
        }
        if (record instanceof RouteStartedRecord started) {
            require(started.routeId(), "routeId");
            return new ChangeRouteStatus(
                    started.routeId(), null, RouteStatus.IN_PROGRESS, true, started.recordId(), started.occurredAt());
        }
        RouteCompletedRecord completed = (RouteCompletedRecord) record;
        require(completed.routeId(), "routeId");
        return new ChangeRouteStatus(
                completed.routeId(), null, RouteStatus.COMPLETED, true, completed.recordId(), completed.occurredAt());
    }

    private static String aggregateId(FleetRecord record) {
        if (record instanceof BinServicedRecord serviced) {
            return serviced.binId();
        }
        if (record instanceof FillLevelReportedRecord reported) {
            return reported.binId();
        }
        if (record instanceof RouteStartedRecord started) {
            return started.routeId();
        }
        return ((RouteCompletedRecord) record).routeId();
    }

    private FleetRecord read(byte[] value) {
        if (value == null || value.length == 0) {
            throw new UnusableFleetRecord("empty record");
        }
        try {
            return json.readValue(value, FleetRecord.class);
        } catch (IOException e) {
            throw new UnusableFleetRecord("not a fleet record: " + originalMessage(e), e);
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                ? processing.getOriginalMessage()
                : e.getMessage();
    }

    private static void require(Object value, String field) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new UnusableFleetRecord(field + " is required");
        }
    }
}
