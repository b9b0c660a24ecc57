package io.haulstream.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    private static final String BIN_PLACED_REVISION_1 =
            """
            {"binId":"bin-1","organizationId":"org-1","tag":"NS-1","containerType":"CART",
             "wasteStream":"GENERAL","capacityLitres":240,
             "location":{"longitude":13.4,"latitude":52.52},"placedAt":"2026-11-24T07:15:00Z"}
            """;

    private final EventDecoder decoder = new EventDecoder(new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    @Test
    void upcastsABinPlacedPublishedInRevisionOne() {
        ProjectedEvent decoded =
                decoder.decode(record("BinPlaced", "1", BIN_PLACED_REVISION_1)).orElseThrow();

        assertThat(decoded.event()).isInstanceOf(BinPlaced.class);
        BinPlaced placed = (BinPlaced) decoded.event();
        assertThat(placed.customerId()).isNull();
        assertThat(placed.tag()).isEqualTo("NS-1");
        assertThat(decoded.sequence()).isEqualTo(3);
        assertThat(decoded.globalPosition()).isEqualTo(42);
    }

    @Test
    void readsTheActorAndCorrelationWhereTheRecordNamesThem() {
        var record = record("BinPlaced", "1", BIN_PLACED_REVISION_1);
        header(record, Topics.HEADER_ACTOR_SUBJECT, "dispatcher-anna");
        header(record, Topics.HEADER_ACTOR_CLIENT, "board");
        header(record, Topics.HEADER_ACTOR_ROLES, "dispatcher");
        header(record, Topics.HEADER_CORRELATION_ID, "command-1");

        ProjectedEvent decoded = decoder.decode(record).orElseThrow();

        assertThat(decoded.actor()).isEqualTo(new ProjectedEvent.Actor("dispatcher-anna", "board", "dispatcher"));
        assertThat(decoded.correlationId()).isEqualTo("command-1");
        assertThat(decoder.decode(record("BinPlaced", "1", BIN_PLACED_REVISION_1))
                        .orElseThrow()
                        .actor())
                .as("no actor headers, no actor")
                .isNull();
    }

    @Test
    void passesOverATypeItDoesNotKnow() {
        assertThat(decoder.decode(record("SomethingElse", "1", "{}"))).isEmpty();
    }

    @Test
    void stopsAtARevisionItHasNoWayFrom() {
        assertThatThrownBy(() -> decoder.decode(record("BinPlaced", "9", BIN_PLACED_REVISION_1)))
                .isInstanceOf(EventDecoder.UndecodableEvent.class)
                .hasMessageContaining("from revision 9");
    }

    private static ConsumerRecord<String, byte[]> record(String type, String revision, String json) {
        var record = new ConsumerRecord<>("events", 0, 7L, "bin-1", json.getBytes(StandardCharsets.UTF_8));
        header(record, Topics.HEADER_EVENT_TYPE, type);
        header(record, Topics.HEADER_REVISION, revision);
        header(record, Topics.HEADER_AGGREGATE_ID, "bin-1");
        header(record, Topics.HEADER_SEQUENCE, "3");
        header(record, Topics.HEADER_GLOBAL_POSITION, "42");
        header(record, Topics.HEADER_OCCURRED_AT, "2026-11-24T07:15:00Z");
        return record;
    }

    private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
