package io.haulstream.command.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.command.bin.ReportFillLevel;
import io.haulstream.command.bin.ServiceBin;
import io.haulstream.command.domain.InputLimits;
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

    private final ObjectMapper json;

    FleetRecordTranslator(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A usable record's command, with the record's id so that a repeat can be recognised, and the
     * id of the aggregate the command is for, so that records for one aggregate keep their order.
     */
    record Translated(String recordId, String recordType, String aggregateId, Object command, String fleetSystem) {}

    Translated translate(byte[] value) {
        FleetRecord record = read(value);
        require(record.fleetSystem(), "fleetSystem");
        if (!FleetRecord.FLEET_SYSTEM.matcher(record.fleetSystem()).matches()) {
            throw new UnusableFleetRecord("fleetSystem must be 1 to 64 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit");
        }
        requireText(record.recordId(), "recordId", InputLimits.FLEET_RECORD_ID);
        require(record.occurredAt(), "occurredAt");
        return new Translated(
                record.recordId(),
                record.getClass().getSimpleName(),
                aggregateId(record),
                toCommand(record),
                record.fleetSystem());
    }

    private Object toCommand(FleetRecord record) {
        if (record instanceof BinServicedRecord serviced) {
            requireText(serviced.binId(), "binId", InputLimits.ID);
            if (serviced.routeId() != null) {
                requireText(serviced.routeId(), "routeId", InputLimits.ID);
            }
            if (serviced.vehicleId() != null) {
                requireText(serviced.vehicleId(), "vehicleId", InputLimits.VEHICLE_ID);
            }
            require(serviced.outcome(), "outcome");
            return new ServiceBin(
                    serviced.binId(),
                    null,
                    serviced.routeId(),
                    serviced.outcome(),
                    serviced.weightKg(),
                    serviced.fleetSystem(),
                    serviced.recordId(),
                    serviced.vehicleId(),
                    serviced.occurredAt());
        }
        if (record instanceof FillLevelReportedRecord reported) {
            requireText(reported.binId(), "binId", InputLimits.ID);
            require(reported.fillPercent(), "fillPercent");
            return new ReportFillLevel(
                    reported.binId(),
                    null,
                    reported.fillPercent(),
                    reported.fleetSystem(),
                    reported.recordId(),
                    reported.occurredAt());
        }
        if (record instanceof RouteStartedRecord started) {
            requireText(started.routeId(), "routeId", InputLimits.ID);
            return new ChangeRouteStatus(
                    started.routeId(),
                    null,
                    RouteStatus.IN_PROGRESS,
                    true,
                    started.fleetSystem(),
                    started.recordId(),
                    started.occurredAt());
        }
        RouteCompletedRecord completed = (RouteCompletedRecord) record;
        requireText(completed.routeId(), "routeId", InputLimits.ID);
        return new ChangeRouteStatus(
                completed.routeId(),
                null,
                RouteStatus.COMPLETED,
                true,
                completed.fleetSystem(),
                completed.recordId(),
                completed.occurredAt());
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

    private static void requireText(String value, String field, int maxLength) {
        require(value, field);
        String problem = InputLimits.problemWith(value, maxLength);
        if (problem != null) {
            throw new UnusableFleetRecord(field + " " + problem);
        }
    }

    private static void require(Object value, String field) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new UnusableFleetRecord(field + " is required");
        }
    }
}
