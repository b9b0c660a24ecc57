package io.haulstream.query.projection;

/** Told, after a batch committed, what it changed: the caches and live streams hang off this. */
public interface ChangeListener {

    /** @return false when the change could not be passed on (Redis down), so it is retried later */
    boolean committed(Changes changes);
}
