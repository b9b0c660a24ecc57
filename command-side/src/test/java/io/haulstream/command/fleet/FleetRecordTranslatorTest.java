package io.haulstream.command.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.haulstream.command.bin.ServiceBin;
import io.haulstream.command.route.ChangeRouteStatus;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.fleet.FleetRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FleetRecordTranslatorTest {

    private final FleetRecordTranslator translator =
            new FleetRecordTranslator(JsonMapper.builder().findAndAddModules().build());

    @Test
    void turnsABinServicedRecordIntoServiceBin() {
        var translated = translate(
                "{\"type\":\"BIN_SERVICED\",\"fleetSystem\":\"city-trucks\",\"recordId\":\"truck-3:991\",\"binId\":\"bin-1\","
                        + "\"routeId\":\"route-1\",\"outcome\":\"EMPTIED\",\"weightKg\":14.5,"
                        + "\"occurredAt\":\"2026-11-24T07:15:00Z\"}");

        assertThat(translated.recordId()).isEqualTo("truck-3:991");
        assertThat(translated.aggregateId()).isEqualTo("bin-1");
        assertThat(translated.command()).isInstanceOfSatisfying(ServiceBin.class, command -> {
            assertThat(command.binId()).isEqualTo("bin-1");
            assertThat(command.routeId()).isEqualTo("route-1");
            assertThat(command.outcome()).isEqualTo(ServiceOutcome.EMPTIED);
            assertThat(command.fleetRecordId()).isEqualTo("truck-3:991");
            assertThat(command.fleetSystem()).isEqualTo("city-trucks");
        });
    }

    @Test
    void turnsARouteCompletedRecordIntoAFleetStatusChange() {
        var translated = translate(
                "{\"type\":\"ROUTE_COMPLETED\",\"fleetSystem\":\"city-trucks\",\"recordId\":\"r-1\",\"routeId\":\"route-1\","
                        + "\"occurredAt\":\"2026-11-24T09:00:00Z\"}");

        assertThat(translated.aggregateId()).isEqualTo("route-1");
        assertThat(translated.command())
                .isInstanceOfSatisfying(ChangeRouteStatus.class, command -> assertThat(command.status())
                        .isEqualTo(RouteStatus.COMPLETED));
    }

    @Test
    void acceptsARecordIdOfTheLongestLength() {
        String id = "r".repeat(FleetRecord.MAX_RECORD_ID_LENGTH);

        assertThat(translate(fillLevel(id)).recordId()).isEqualTo(id);
    }

    @Test
    void refusesARecordIdLongerThanAnEventKeeps() {
        assertThatThrownBy(() -> translate(fillLevel("r".repeat(FleetRecord.MAX_RECORD_ID_LENGTH + 1))))
                .isInstanceOf(UnusableFleetRecord.class)
                .hasMessage("recordId must be at most 255 characters");
    }

    @Test
    void refusesABlankRecordId() {
        assertThatThrownBy(() -> translate(fillLevel(" ")))
                .isInstanceOf(UnusableFleetRecord.class)
                .hasMessage("recordId is required");
    }

    @Test
    void refusesARecordThatNamesNoFleetSystem() {
        assertThatThrownBy(() -> translate(fillLevel("", "r-1")))
                .isInstanceOf(UnusableFleetRecord.class)
                .hasMessage("fleetSystem is required");
    }

    @Test
    void refusesAFleetSystemNameAPrincipalCouldNotHave() {
        assertThatThrownBy(() -> translate(fillLevel("trucks;drop table", "r-1")))
                .isInstanceOf(UnusableFleetRecord.class)
                .hasMessageStartingWith("fleetSystem must be 1 to 64 letters");
    }

    @Test
    void refusesAControlCharacterInARecordId() {
        assertThatThrownBy(() -> translate(fillLevel("r-1\\u0000")))
                .isInstanceOf(UnusableFleetRecord.class)
                .hasMessage("recordId must not contain control characters or unpaired surrogates");
    }

    @Test
    void refusesAnUnknownType() {
        assertThatThrownBy(() -> translate("{\"type\":\"TRUCK_WASHED\",\"recordId\":\"r-1\"}"))
                .isInstanceOf(UnusableFleetRecord.class)
                .hasMessageStartingWith("not a fleet record:");
    }

    private FleetRecordTranslator.Translated translate(String json) {
        return translator.translate(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String fillLevel(String recordId) {
        return fillLevel("bin-sensors", recordId);
    }

    private static String fillLevel(String fleetSystem, String recordId) {
        return "{\"type\":\"FILL_LEVEL_REPORTED\",\"fleetSystem\":\"" + fleetSystem + "\",\"recordId\":\"" + recordId
                + "\",\"binId\":\"bin-1\"," + "\"fillPercent\":80,\"occurredAt\":\"2026-11-24T07:15:00Z\"}";
    }
}
