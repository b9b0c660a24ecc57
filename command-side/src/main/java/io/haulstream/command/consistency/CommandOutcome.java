package io.haulstream.command.consistency;

import java.util.Optional;

/**
 * What the command bus answers for every command dispatched on its own (not inside another unit of
 * work): the handler's result and the last event the command applied. The event is filled in while
 * the command's unit of work commits, which is when Axon hands the applied events to the event
 * bus; the gateway returns this only after that commit, so the caller always sees it complete.
 */
public final class CommandOutcome {

    private final Object result;
    private volatile AppliedEvent lastEvent;

    CommandOutcome(Object result) {
        this.result = result;
    }

    /** What the handler returned: the aggregate id for a creating command, else null. */
    public Object result() {
        return result;
    }

    /** Empty for a command that applied no event (a repeat that changes nothing). */
    public Optional<AppliedEvent> lastEvent() {
        return Optional.ofNullable(lastEvent);
    }

    void applied(AppliedEvent event) {
        lastEvent = event;
    }

    @Override
    public String toString() {
        return "CommandOutcome[result=" + result + ", lastEvent=" + lastEvent + "]";
    }
}
