package io.haulstream.command.fleet;

import io.haulstream.command.access.ActorMetaData;
import io.haulstream.command.consistency.CommandOutcome;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.command.relay.EventLag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Turns each fleet record into its command. A poll's records are applied in lanes: records for one
 * aggregate stay in one lane and keep their order, records for different aggregates run at once,
 * so a batch costs the slowest lane's round trips instead of the sum of all. Each lane applies its
 * records in batches of one transaction ({@link LaneBatches}); a batch with a record that is
 * refused or fails is rolled back and its records applied one by one instead. A record the domain
 * refuses (unknown bin, a rule broken) is unusable for good and goes to the dead-letter topic; a
 * fault of ours (database down) is retried until it passes, so nothing is dropped. Offsets are
 * committed only after every record of the batch was handled. A record seen twice changes
 * nothing: every command made from a record carries its id, and the aggregate claims that id in
 * the command's own transaction (the same claim a command over HTTP makes), so the id is kept
 * exactly when the record's effect is, and a batch handled again after a crash only repeats.
 */
@Component
class FleetInbound implements DisposableBean {

    private final FleetRecordTranslator translator;
    private final CommandGateway commands;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final FleetRetries retries;
    private final LaneBatches batches;
    private final ExecutorService lanes;
    private final int laneCount;
    private final int batchCommands;
    private final Counter applied;
    private final Counter repeated;
    private final Counter batchesKept;
    private final Counter batchesUndone;
    private final Timer sentToStored;

    FleetInbound(
            FleetRecordTranslator translator,
            CommandGateway commands,
            DeadLetterPublishingRecoverer fleetDeadLetters,
            FleetRetries retries,
            LaneBatches batches,
            FleetProperties properties,
            MeterRegistry meters) {
        this.translator = translator;
        this.commands = commands;
        this.deadLetters = fleetDeadLetters;
        this.retries = retries;
        this.batches = batches;
        this.laneCount = Math.max(1, properties.lanes());
        this.batchCommands = Math.max(1, properties.batchCommands());
        this.lanes = Executors.newFixedThreadPool(laneCount, new CustomizableThreadFactory("fleet-lane-"));
        this.applied = meters.counter("haulstream.fleet.records", "outcome", "applied");
        // A record that changed nothing: its id was applied before, or it reported what was already so.
        this.repeated = meters.counter("haulstream.fleet.records", "outcome", "repeated");
        this.batchesKept = meters.counter("haulstream.fleet.batches", "outcome", "committed");
        this.batchesUndone = meters.counter("haulstream.fleet.batches", "outcome", "rolled-back");
        this.sentToStored = EventLag.timer(meters, EventLag.HOP_SENT_TO_STORED);
    }

    private record Work(ConsumerRecord<String, byte[]> record, FleetRecordTranslator.Translated translated) {}

    @KafkaListener(
            id = "fleet-inbound",
            topics = "${haulstream.fleet.topic}",
            groupId = "${haulstream.fleet.group}",
            batch = "true",
            properties = "max.poll.records=${haulstream.fleet.max-poll-records}")
    public void on(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        List<List<Work>> byLane = new ArrayList<>(laneCount);
        for (int lane = 0; lane < laneCount; lane++) {
            byLane.add(new ArrayList<>());
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                var translated = translator.translate(record.value());
                byLane.get(Math.floorMod(translated.aggregateId().hashCode(), laneCount))
                        .add(new Work(record, translated));
            } catch (UnusableFleetRecord unusable) {
                deadLetters.accept(record, null, unusable);
            }
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<Work> lane : byLane) {
            if (!lane.isEmpty()) {
                running.add(lanes.submit(() -> applyLane(lane)));
            }
        }
        awaitAll(running);
    }

    private void applyLane(List<Work> lane) {
        for (int from = 0; from < lane.size(); from += batchCommands) {
            List<Work> batch = lane.subList(from, Math.min(lane.size(), from + batchCommands));
            if (batch.size() > 1) {
                Optional<List<Boolean>> changed = batches.applyAll(
                        batch.stream().map(FleetInbound::command).toList());
                if (changed.isPresent()) {
                    batchesKept.increment();
                    changed.get().forEach(this::count);
                    batch.forEach(this::stored);
                    continue;
                }
                batchesUndone.increment();
            }
            batch.forEach(this::apply);
        }
    }

    /**
     * The record's timestamp is its producer's clock (Kafka's CreateTime), or the broker's where the
     * topic keeps append times: this hop compares another machine's clock where the fleet system
     * runs elsewhere.
     */
    private void stored(Work work) {
        long sent = work.record().timestamp();
        if (sent >= 0) {
            sentToStored.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - sent)));
        }
    }

    private void count(boolean changed) {
        (changed ? applied : repeated).increment();
    }

    /** No HTTP caller here: the record's fleet system is the actor its events name. */
    private static CommandMessage<?> command(Work work) {
        return GenericCommandMessage.asCommandMessage(work.translated().command())
                .andMetaData(ActorMetaData.fromFleetSystem(work.translated().fleetSystem()));
    }

    private void apply(Work work) {
        try {
            CommandMessage<?> message = command(work);
            Object outcome = retries.untilDone(() -> commands.sendAndWait(message));
            count(outcome instanceof CommandOutcome command
                    && command.lastEvent().isPresent());
            stored(work);
        } catch (RuleViolation | NotInOrganization refused) {
            deadLetters.accept(work.record(), null, new UnusableFleetRecord(refused.getMessage(), refused));
        } catch (AggregateNotFoundException missing) {
            deadLetters.accept(
                    work.record(),
                    null,
                    new UnusableFleetRecord("unknown aggregate: " + missing.getMessage(), missing));
        } catch (FleetRetries.Interrupted stopped) {
            throw stopped;
        } catch (RuntimeException unexpected) {
            // Not the record's fault as far as we know, but retrying cannot help either.
            deadLetters.accept(work.record(), null, unexpected);
        }
    }

    /**
     * Waits for every lane even when one failed, so no lane still runs when the batch is handed
     * back for another try; the first failure is then passed on, and the container's error handler
     * delivers the batch again (what was applied only repeats).
     */
    private static void awaitAll(List<Future<?>> running) throws InterruptedException {
        RuntimeException first = null;
        for (Future<?> lane : running) {
            try {
                lane.get();
            } catch (ExecutionException failed) {
                if (first == null) {
                    first = failed.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new IllegalStateException(failed.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void destroy() {
        lanes.shutdownNow();
    }
}
