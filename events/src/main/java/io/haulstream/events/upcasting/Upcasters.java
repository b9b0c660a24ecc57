package io.haulstream.events.upcasting;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Every upcaster of the published language, and the walk from any revision to the current one. */
public final class Upcasters {

    private static final List<Upcaster> ALL = List.of(new BinPlacedGainedCustomer(), new BinServicedGainedVehicle());

    private Upcasters() {}

    public static Optional<Upcaster> from(String type, String revision) {
        return ALL.stream()
                .filter(u -> u.type().equals(type) && Objects.equals(u.fromRevision(), revision))
                .findFirst();
    }

    /**
     * @return the JSON brought to {@code targetRevision}
     * @throws IllegalArgumentException when no chain of upcasters leads there
     */
    public static Map<String, Object> upcast(
            String type, String revision, String targetRevision, Map<String, Object> json) {
        String current = revision;
        Map<String, Object> upcast = json;
        while (!Objects.equals(current, targetRevision)) {
            String at = current;
            Upcaster next = from(type, at)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no upcaster for " + type + " from revision " + at + " to " + targetRevision));
            upcast = next.upcast(upcast);
            current = next.toRevision();
        }
        return upcast;
    }
}
