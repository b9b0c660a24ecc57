package io.haulstream.command.consistency;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Hands each command's last applied event back with its result, so that the reply's consistency
 * token costs no query. The command bus answers with a {@link CommandOutcome} that it also keeps
 * in the command's unit of work; Axon passes the events the aggregate applied through the event
 * bus's dispatch interceptors when that unit of work commits, just before they are stored, and the
 * newest domain event goes into the outcome. Nothing is kept per thread: the gateway's retry
 * scheduler may run a command again on another thread, and each run has its own unit of work and
 * outcome. If the commit fails, the outcome is never seen: the command's answer is its failure.
 *
 * <p>The sequence is known when the event is applied; the global position is not (the event store
 * hands it out on insert), which is why the token does not carry it. A command handled inside an
 * enclosing unit of work commits only with that one, after its answer, so it gets its bare result
 * and the reply falls back to reading the token.
 */
@Component
public class LastAppliedEvent {

    private static final String RESOURCE = LastAppliedEvent.class.getName();

    LastAppliedEvent(CommandBus commandBus, EventBus eventBus) {
        register(commandBus, eventBus);
    }

    /** Public for tests that wire Axon by hand. */
    public static void register(CommandBus commandBus, EventBus eventBus) {
        eventBus.registerDispatchInterceptor(new Remember());
        commandBus.registerHandlerInterceptor(new Answer());
    }

    private static final class Remember implements MessageDispatchInterceptor<EventMessage<?>> {

        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            CommandOutcome outcome =
                    CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getResource(RESOURCE) : null;
            return (index, message) -> {
                if (outcome != null && message instanceof DomainEventMessage<?> domainEvent) {
                    outcome.applied(
                            new AppliedEvent(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber()));
                }
                return message;
            };
        }
    }

    private static final class Answer implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            if (!unitOfWork.isRoot()) {
                return chain.proceed();
            }
            CommandOutcome outcome = new CommandOutcome(chain.proceed());
            unitOfWork.resources().put(RESOURCE, outcome);
            return outcome;
        }
    }
}
