package io.haulstream.query.projection;

/**
 * Keeps one read model. It is called inside the batch's transaction, only for events not seen
 * before, and reports through {@link Changes} which cached entries its writes made stale.
 */
public interface Projector {

    void project(ProjectedEvent event, Changes changes);

    /** Called once after the batch's last event, still inside its transaction, to write what was gathered. */
    default void batchDone(Changes changes) {}
}
