package io.haulstream.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every event haulstream publishes; the permitted subtypes are the catalogue a consumer reads. */
public sealed interface HaulstreamEvent permits OrganizationEvent, CustomerEvent, BinEvent, RouteEvent, TerritoryEvent {

    /** The aggregate the event belongs to: the Kafka record key, so its events stay in order. */
    String aggregateId();

    /**
     * The tenant the event belongs to. Every aggregate lives inside one organization and only
     * refers to others of the same, so a reader that serializes its work per organization never
     * has two workers join rows of one tenant at once.
     */
    String organizationId();

    /**
     * The stable name of an event type on the wire: the record's simple name, which is why
     * renaming an event record is a breaking change.
     */
    static String typeName(Class<? extends HaulstreamEvent> type) {
        return type.getSimpleName();
    }

    static String revisionOf(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /** Finds an event record by its wire name, walking the sealed hierarchy so no list is kept by hand. */
    static Optional<Class<? extends HaulstreamEvent>> typeNamed(String name) {
        return Optional.ofNullable(Catalogue.BY_NAME.get(name));
    }

    static Stream<Class<? extends HaulstreamEvent>> allTypes() {
        return Catalogue.BY_NAME.values().stream();
    }

    final class Catalogue {
        private static final Map<String, Class<? extends HaulstreamEvent>> BY_NAME = leaves(HaulstreamEvent.class)
                .collect(Collectors.toUnmodifiableMap(c -> c.getSimpleName(), Function.identity()));

        private Catalogue() {}

        @SuppressWarnings("unchecked")
        private static Stream<Class<? extends HaulstreamEvent>> leaves(Class<?> type) {
            if (!type.isSealed()) {
                return Stream.of((Class<? extends HaulstreamEvent>) type);
            }
            return Arrays.stream(type.getPermittedSubclasses()).flatMap(Catalogue::leaves);
        }
    }
}
