package io.haulstream.command.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LastAppliedEventTest {

    private final CommandBus commandBus = SimpleCommandBus.builder().build();
    private final EventBus eventBus = SimpleEventBus.builder().build();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
    private CommandGateway gateway;

    @BeforeEach
    void setUp() {
        LastAppliedEvent.register(commandBus, eventBus);
        gateway = DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(retries)
                        .retryInterval(1)
                        .maxRetryCount(2)
                        .build())
                .build();
    }

    @AfterEach
    void tearDown() {
        retries.shutdownNow();
    }

    @Test
    void answersWithTheLastEventTheCommandApplied() {
        commandBus.subscribe(String.class.getName(), command -> {
            eventBus.publish(new GenericDomainEventMessage<>("Bin", "bin-1", 4, "serviced"));
            eventBus.publish(new GenericDomainEventMessage<>("Bin", "bin-1", 5, "moved"));
            return "handled";
        });

        CommandOutcome outcome = gateway.sendAndWait("go");

        assertThat(outcome.result()).isEqualTo("handled");
        assertThat(outcome.lastEvent()).contains(new AppliedEvent("bin-1", 5));
    }

    @Test
    void answersWithTheBareResultWhenTheCommandAppliedNothing() {
        commandBus.subscribe(String.class.getName(), command -> "repeat");

        CommandOutcome outcome = gateway.sendAndWait("go");

        assertThat(outcome.result()).isEqualTo("repeat");
        assertThat(outcome.lastEvent()).isEmpty();
    }

    /** The retry runs on the scheduler's thread; what the first attempt applied must not leak into its answer. */
    @Test
    void answersARetriedCommandWithWhatItsSuccessfulRunAppliedOnAnotherThread() {
        AtomicInteger attempts = new AtomicInteger();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        commandBus.subscribe(String.class.getName(), command -> {
            threads.add(Thread.currentThread());
            long sequence = 10 + attempts.incrementAndGet();
            eventBus.publish(new GenericDomainEventMessage<>("Bin", "bin-" + sequence, sequence, "serviced"));
            if (attempts.get() == 1) {
                throw new ConcurrencyException("another instance appended first");
            }
            return null;
        });

        CommandOutcome outcome = gateway.sendAndWait("go");

        assertThat(outcome.lastEvent()).contains(new AppliedEvent("bin-12", 12));
        assertThat(threads).hasSize(2);
        assertThat(threads.get(1)).isNotSameAs(threads.get(0));
    }

    @Test
    void eachCommandAnswersWithItsOwnEventOnly() {
        AtomicInteger next = new AtomicInteger();
        commandBus.subscribe(String.class.getName(), command -> {
            if (command.getPayload().equals("apply")) {
                eventBus.publish(new GenericDomainEventMessage<>("Bin", "bin-1", next.getAndIncrement(), "x"));
            }
            return "done";
        });

        assertThat(gateway.<CommandOutcome>sendAndWait("apply").lastEvent()).contains(new AppliedEvent("bin-1", 0));
        assertThat(gateway.<CommandOutcome>sendAndWait("nothing").lastEvent()).isEmpty();
    }
}
