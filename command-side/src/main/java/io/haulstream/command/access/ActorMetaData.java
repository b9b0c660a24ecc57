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
 * command that caused it): the event store records who changed what, and the relay passes it on in
 * the records' headers. A fleet record from Kafka has no caller: its command names the fleet system
 * of the record instead ({@link #fromFleetSystem}).
 */
public final class ActorMetaData implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String SUBJECT = "actorSubject";
    public static final String CLIENT = "actorClient";
    public static final String ROLES = "actorRoles";

    /** Axon's key of the id of the command that caused an event ({@code MessageOriginProvider}'s). */
    public static final String CORRELATION_ID = "correlationId";

    /**
     * The actor of a fleet record taken from Kafka: the fleet system the record names, as its own
     * client, in the fleet-system role. The name was checked against the bindings before the command
     * may touch anything.
     */
    public static Map<String, String> fromFleetSystem(String fleetSystem) {
        return Map.of(SUBJECT, fleetSystem, CLIENT, fleetSystem, ROLES, Role.FLEET_SYSTEM.claimValue());
    }

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
