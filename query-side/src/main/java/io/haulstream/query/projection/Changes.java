package io.haulstream.query.projection;

import java.util.HashSet;
import java.util.Set;

/** The entities a batch changed, collected so that exactly their cache entries are refreshed after commit. */
public final class Changes {

    private final Set<String> bins = new HashSet<>();
    private final Set<String> organizationsOfChangedBins = new HashSet<>();

    public void binChanged(String binId) {
        bins.add(binId);
    }

    /** For changes that reach every bin of an organization, such as its new name. */
    public void allBinsOfOrganizationChanged(String organizationId) {
        organizationsOfChangedBins.add(organizationId);
    }

    public Set<String> bins() {
        return bins;
    }

    public Set<String> organizationsOfChangedBins() {
        return organizationsOfChangedBins;
    }

    public boolean isEmpty() {
        return bins.isEmpty() && organizationsOfChangedBins.isEmpty();
    }
}
