package io.haulstream.command.fleet;

import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
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
 * command was handled, and a record seen twice changes nothing because commands carry the
 * fleet's record id.
 */
@Component
class FleetInbound {

    private final FleetRecordTranslator translator;
    private final CommandGateway commands;
    private final MeterRegistry meters;

    FleetInbound(FleetRecordTranslator translator, CommandGateway commands, MeterRegistry meters) {
        this.translator = translator;
        this.commands = commands;
        this.meters = meters;
    }

    @KafkaListener(id = "fleet-inbound", topics = "${haulstream.fleet.topic}", groupId = "${haulstream.fleet.group}")
    void on(ConsumerRecord<String, byte[]> record) {
        Object command = translator.toCommand(record.value());
        try {
            commands.sendAndWait(command);
        } catch (RuleViolation | NotInOrganization refused) {
            throw new UnusableFleetRecord(refused.getMessage(), refused);
        } catch (AggregateNotFoundException missing) {
            throw new UnusableFleetRecord("unknown aggregate: " + missing.getMessage(), missing);
        }
        meters.counter("haulstream.fleet.records", "outcome", "applied").increment();
    }
}
