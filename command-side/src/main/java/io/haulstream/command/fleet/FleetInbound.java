package io.haulstream.command.fleet;

import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns each fleet record into its command. A record the domain refuses (unknown bin, a rule
 * broken) is unusable for good and goes to the dead-letter topic; a fault of ours (database
 * down) is retried until it passes, so nothing is dropped. Offsets are committed only after the
 * command was handled. A record seen twice changes nothing: its id is recorded in the transaction
 * that applies it, which also covers route records, whose commands carry no id of their own.
 */
@Component
class FleetInbound {

    private final FleetRecordTranslator translator;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    FleetInbound(FleetRecordTranslator translator, CommandGateway commands, JdbcTemplate jdbc, MeterRegistry meters) {
        this.translator = translator;
        this.commands = commands;
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** The command joins this transaction, so the record's id is kept exactly when its effect is. */
    @Transactional
    @KafkaListener(id = "fleet-inbound", topics = "${haulstream.fleet.topic}", groupId = "${haulstream.fleet.group}")
    public void on(ConsumerRecord<String, byte[]> record) {
        FleetRecordTranslator.Translated translated = translator.translate(record.value());
        if (!firstTime(translated)) {
            meters.counter("haulstream.fleet.records", "outcome", "repeated").increment();
            return;
        }
        try {
            commands.sendAndWait(translated.command());
        } catch (RuleViolation | NotInOrganization refused) {
            throw new UnusableFleetRecord(refused.getMessage(), refused);
        } catch (AggregateNotFoundException missing) {
            throw new UnusableFleetRecord("unknown aggregate: " + missing.getMessage(), missing);
        }
        meters.counter("haulstream.fleet.records", "outcome", "applied").increment();
    }

    private boolean firstTime(FleetRecordTranslator.Translated translated) {
        return jdbc.update(
                        "insert into fleet_records_applied (record_id, record_type, applied_at) values (?, ?, now())"
                                + " on conflict (record_id) do nothing",
                        translated.recordId(),
                        translated.recordType())
                == 1;
    }
}
