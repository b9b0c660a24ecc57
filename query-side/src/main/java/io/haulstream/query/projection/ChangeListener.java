package io.haulstream.query.projection;

/** Told, after a batch committed, what it changed: the caches and live streams hang off this. */
public interface ChangeListener {

    void committed(Changes changes);
}
