package io.haulstream.command.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.haulstream.command.HostileJson;
import io.haulstream.command.JsonLimits;
import io.haulstream.command.bin.ReportFillLevel;
import io.haulstream.command.bin.ServiceBin;
import io.haulstream.command.domain.InputLimits;
import io.haulstream.command.route.ChangeRouteStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fleet record parser under generated hostile records (wrong types, huge numbers, NaN, control
 * characters, deep nesting, unknown types and enums, SQL and script in every text): it either
 * translates a record or calls it unusable with a reason, never fails otherwise (which would send
 * the record to retries forever, or to the dead letters without a reason), and what it accepts it
 * passes on exactly as sent.
 */
class FleetRecordFuzzTest {

    /** As the application's ObjectMapper reads: Spring Boot's defaults and the application's limits. */
    private static final ObjectMapper APPLICATION_JSON = JsonLimits.configure(JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

    /** Reads what was sent without any limit, to compare with what the parser passed on. */
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private final FleetRecordTranslator translator = new FleetRecordTranslator(APPLICATION_JSON);

    /**
     * More tries than the default: a parser try costs well under a millisecond, and Jackson's coercion
     * of a number into a text field ({@code "routeId": 1e400} stored as the text "1e400") first showed
     * after about 240 tries.
     */
    @Property(tries = 2000)
    void refusesOnlyAsUnusableAndPassesOnWhatItAcceptsAsSent(@ForAll("records") String json) throws Exception {
        FleetRecordTranslator.Translated translated;
        try {
            translated = translator.translate(json.getBytes(StandardCharsets.UTF_8));
        } catch (UnusableFleetRecord unusable) {
            assertThat(unusable.getMessage()).isNotBlank();
            return;
        }
        JsonNode sent = LENIENT.readTree(json);
        assertThat(translated.recordId()).isEqualTo(sent.get("recordId").textValue());
        assertThat(InputLimits.isPlainText(translated.recordId())).isTrue();
        Object command = translated.command();
        if (command instanceof ServiceBin service) {
            assertThat(service.fleetSystem()).isEqualTo(sent.get("fleetSystem").textValue());
            assertThat(service.binId()).isEqualTo(sent.get("binId").textValue());
            assertThat(service.routeId()).isEqualTo(sent.path("routeId").textValue());
            assertThat(service.outcome().name()).isEqualTo(sent.get("outcome").textValue());
        } else if (command instanceof ReportFillLevel report) {
            assertThat(report.fleetSystem()).isEqualTo(sent.get("fleetSystem").textValue());
            assertThat(report.binId()).isEqualTo(sent.get("binId").textValue());
            assertThat(report.fillPercent()).isEqualTo(sent.get("fillPercent").intValue());
        } else {
            ChangeRouteStatus status = (ChangeRouteStatus) command;
            assertThat(status.fleetSystem()).isEqualTo(sent.get("fleetSystem").textValue());
            assertThat(status.routeId()).isEqualTo(sent.get("routeId").textValue());
        }
    }

    @Provide
    Arbitrary<String> records() {
        Arbitrary<String> text = HostileJson.hostileText().map(HostileJson::quoted);
        Arbitrary<String> id = Arbitraries.oneOf(
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars('-', ':')
                                .ofMinLength(1)
                                .ofMaxLength(40),
                        HostileJson.hostileText())
                .map(HostileJson::quoted);
        Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
        fields.put(
                "type",
                HostileJson.mostly(Arbitraries.of(
                                "BIN_SERVICED",
                                "FILL_LEVEL_REPORTED",
                                "ROUTE_STARTED",
                                "ROUTE_COMPLETED",
                                "TRUCK_WASHED",
                                "bin_serviced")
                        .map(HostileJson::quoted)));
        fields.put(
                "fleetSystem",
                HostileJson.mostly(Arbitraries.oneOf(
                        Arbitraries.of("city-trucks", "bin-sensors", "a", "x".repeat(64), "x".repeat(65), "-lead")
                                .map(HostileJson::quoted),
                        text)));
        fields.put("recordId", HostileJson.mostly(id));
        fields.put("binId", HostileJson.mostly(id));
        fields.put("routeId", HostileJson.mostly(id));
        fields.put(
                "outcome",
                HostileJson.mostly(Arbitraries.of("EMPTIED", "MISSED", "EXPLODED", "emptied")
                        .map(HostileJson::quoted)));
        fields.put(
                "weightKg",
                HostileJson.mostly(Arbitraries.doubles().between(-10, 50_000).map(Object::toString)));
        fields.put(
                "fillPercent",
                HostileJson.mostly(Arbitraries.integers().between(-5, 105).map(Object::toString)));
        fields.put(
                "occurredAt",
                HostileJson.mostly(Arbitraries.of("2026-11-24T07:15:00Z", "2026-13-45T99:00:00Z", "yesterday", "0")
                        .map(HostileJson::quoted)));
        return HostileJson.object(fields);
    }
}
