package io.haulstream.command.fleet;

import io.haulstream.command.consistency.CommandOutcome;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns each fleet record into its command. A record the domain refuses (unknown bin, a rule
 * broken) is unusable for good and goes to the dead-letter topic; a fault of ours (database
 * down) is retried until it passes, so nothing is dropped. Offsets are committed only after the
 * command was handled. A record seen twice changes nothing: every command made from a record
 * carries its id, and the aggregate claims that id in the command's own transaction (the same
 * claim a command over HTTP makes), so the id is kept exactly when the record's effect is.
 */
@Component
class FleetInbound {

    private final FleetRecordTranslator translator;
    private final CommandGateway commands;
    private final Counter applied;
    private final Counter repeated;

    FleetInbound(FleetRecordTranslator translator, CommandGateway commands, MeterRegistry meters) {
        this.translator = translator;
        this.commands = commands;
        this.applied = meters.counter("haulstream.fleet.records", "outcome", "applied");
        // A record that changed nothing: its id was applied before, or it reported what was already so.
        this.repeated = meters.counter("haulstream.fleet.records", "outcome", "repeated");
    }

    @KafkaListener(id = "fleet-inbound", topics = "${haulstream.fleet.topic}", groupId = "${haulstream.fleet.group}")
    public void on(ConsumerRecord<String, byte[]> record) {
        FleetRecordTranslator.Translated translated = translator.translate(record.value());
        Object outcome;
        try {
            outcome = commands.sendAndWait(translated.command());
        } catch (RuleViolation | NotInOrganization refused) {
            throw new UnusableFleetRecord(refused.getMessage(), refused);
        } catch (AggregateNotFoundException missing) {
            throw new UnusableFleetRecord("unknown aggregate: " + missing.getMessage(), missing);
        }
        boolean changed =
                outcome instanceof CommandOutcome command && command.lastEvent().isPresent();
        (changed ? applied : repeated).increment();
    }
}
