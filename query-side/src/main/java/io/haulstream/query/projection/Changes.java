package io.haulstream.query.projection;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The entities a batch changed, collected so that exactly their cache entries are refreshed after commit. */
public final class Changes {

    private final Set<String> bins = new HashSet<>();

    public void binChanged(String binId) {
        bins.add(binId);
    }

    public void binsChanged(Collection<String> binIds) {
        bins.addAll(binIds);
    }

    public Set<String> bins() {
        return bins;
    }

    public boolean isEmpty() {
        return bins.isEmpty();
    }
}
