package io.haulstream.command.fleet;

import io.haulstream.command.access.ActorMetaData;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Applies a lane's commands in one unit of work and one database transaction: each command runs in
 * a unit of work nested in the batch's, its aggregate stays loaded and locked until the batch ends,
 * and the events of all of them are appended and committed at once. A commit is what a fleet
 * command cost most (one transaction, its round trips and its WAL flush, per record); a lane of a
 * poll pays it once. Either every command of the batch is kept, with its record ids claimed, or
 * none is: when one is refused or fails, the batch is rolled back and the caller applies the
 * records one by one, where a refusal is set aside alone.
 */
@Component
class LaneBatches {

    /** The root unit of work's record of the commands whose events it stored, by command id. */
    private static final String CHANGED = LaneBatches.class.getName() + ".changed";

    private final CommandBus commandBus;
    private final TransactionManager transactions;

    LaneBatches(CommandBus commandBus, TransactionManager transactions, EventBus eventBus) {
        this.commandBus = commandBus;
        this.transactions = transactions;
        // Axon intercepts the events when the root unit of work stores them; each names the command
        // that applied it (MessageOriginProvider's correlationId), so the batch learns which changed.
        eventBus.registerDispatchInterceptor(events -> {
            Set<String> changed = CurrentUnitOfWork.isStarted()
                    ? CurrentUnitOfWork.get().root().getResource(CHANGED)
                    : null;
            if (changed != null) {
                events.forEach(event -> {
                    Object command = event.getMetaData().get(ActorMetaData.CORRELATION_ID);
                    if (command != null) {
                        changed.add(command.toString());
                    }
                });
            }
            return (index, event) -> event;
        });
    }

    /**
     * @return for each command, in order, whether it applied an event (false: a record seen before,
     *     or one that reported what was already so); empty when nothing of the batch was kept
     */
    Optional<List<Boolean>> applyAll(List<? extends CommandMessage<?>> commands) {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a lane's batch is its own unit of work, not part of another");
        }
        DefaultUnitOfWork<Message<?>> batch = DefaultUnitOfWork.startAndGet(null);
        Set<String> changed = new HashSet<>();
        batch.resources().put(CHANGED, changed);
        try {
            batch.attachTransaction(transactions);
            for (CommandMessage<?> command : commands) {
                FutureCallback<Object, Object> answer = new FutureCallback<>();
                commandBus.dispatch(command, answer);
                CommandResultMessage<?> result = answer.getResult();
                if (result.isExceptional()) {
                    batch.rollback(result.exceptionResult());
                    return Optional.empty();
                }
            }
            batch.commit();
        } catch (Throwable failed) {
            // A failed commit has rolled back already; anything before it has not. Left open, the
            // transaction would stay bound to the lane's thread and the next batch would join it.
            if (batch.isActive()) {
                batch.rollback(failed);
            }
            if (failed instanceof Error error) {
                throw error;
            }
            return Optional.empty();
        } finally {
            // Nothing was started on this thread before the batch (checked above): leave nothing.
            while (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.clear(CurrentUnitOfWork.get());
            }
        }
        return Optional.of(commands.stream()
                .map(command -> changed.contains(command.getIdentifier()))
                .toList());
    }
}
