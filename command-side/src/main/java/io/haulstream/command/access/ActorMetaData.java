package io.haulstream.command.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

/**
 * Who sent a command, in its metadata, from which Axon copies it into the metadata of every event
 * the command applies (beside Axon's own {@code correlationId} and {@code traceId}, the id of the
 * command that caused it): the event store records who changed what. A command with no caller (a
 * fleet record from Kafka) carries none.
 */
public final class ActorMetaData implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String SUBJECT = "actorSubject";
    public static final String CLIENT = "actorClient";
    public static final String ROLES = "actorRoles";

    /** Copies the actor from a command's metadata to its events'. */
    public static CorrelationDataProvider onEvents() {
        return new SimpleCorrelationDataProvider(SUBJECT, CLIENT, ROLES);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        // Read here, on the thread that serves the request, not where a retry may run.
        Optional<Map<String, String>> actor = Caller.current()
                .map(caller -> Map.of(
                        SUBJECT,
                        caller.subject(),
                        CLIENT,
                        caller.clientId(),
                        ROLES,
                        caller.roles().stream().map(Role::claimValue).sorted().collect(Collectors.joining(","))));
        return (index, command) ->
                actor.<CommandMessage<?>>map(command::andMetaData).orElse(command);
    }
}
