package io.haulstream.query.projection;

import io.haulstream.events.HaulstreamEvent;
import java.util.List;
import java.util.Set;

/**
 * Keeps one read model. It is given, once per batch and inside the batch's transaction, the
 * batch's new events of the types it {@link #handles() handles}, in order, and writes them in a few
 * statements for the whole batch rather than statements per event. It reports through
 * {@link Changes} which cached entries its writes made stale.
 *
 * <p>Projectors run in their {@link org.springframework.core.annotation.Order}: one that copies
 * another's rows (bins copy customer and organization names) runs after it, so it reads what this
 * batch already wrote.
 */
public interface Projector {

    /** The event types this projector reads. It is given no others, so this list is the truth. */
    Set<Class<? extends HaulstreamEvent>> handles();

    void project(List<ProjectedEvent> events, Changes changes);
}
