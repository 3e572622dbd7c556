package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.JsonTree;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One condition on a stored document. Each store translates conditions into its own query
 * language; {@link #test} is the reference semantics the store contract holds them to.
 * A path that walks through an array matches when any element matches, as in MongoDB.
 */
public sealed interface Condition {

    FieldPath path();

    /** Whether the document (the map form of a stored resource) satisfies the condition. */
    boolean test(Map<String, Object> document);

    /**
     * The value at the path equals one of {@code values} (scalars only). A {@code null} among the
     * values also matches a document where the path names nothing.
     */
    record AnyOf(FieldPath path, List<Object> values) implements Condition {
        public AnyOf {
            values = scalars(values);
        }

        @Override
        public boolean test(Map<String, Object> document) {
            return reachesAny(document, path, values);
        }
    }

    /** No value at the path equals one of {@code values}; a path that names nothing matches. */
    record NoneOf(FieldPath path, List<Object> values) implements Condition {
        public NoneOf {
            values = scalars(values);
        }

        @Override
        public boolean test(Map<String, Object> document) {
            return !reachesAny(document, path, values);
        }
    }

    /** The path names something ({@code present}) or names nothing ({@code !present}). */
    record Exists(FieldPath path, boolean present) implements Condition {
        @Override
        public boolean test(Map<String, Object> document) {
            return JsonTree.resolve(document, path.segments()).isEmpty() != present;
        }
    }

    /**
     * The instant at the path lies within the bounds, both inclusive; an absent bound is open.
     * Values are read as instants by {@link TimeValues#instantOf}: stamped instants, RFC 3339
     * strings with any offset, unix seconds. Values that are not times never match.
     */
    record Between(FieldPath path, Optional<Instant> from, Optional<Instant> to) implements Condition {
        public Between {
            if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
                throw StorageException.badInput("time range of " + path + " ends before it begins");
            }
        }

        @Override
        public boolean test(Map<String, Object> document) {
            for (Object value : JsonTree.resolve(document, path.segments())) {
                Optional<Instant> instant = TimeValues.instantOf(value);
                if (instant.isPresent() && contains(instant.get())) {
                    return true;
                }
            }
            return false;
        }

        public boolean contains(Instant instant) {
            return from.map(f -> !instant.isBefore(f)).orElse(true) && to.map(t -> !instant.isAfter(t)).orElse(true);
        }
    }

    private static List<Object> scalars(List<Object> values) {
        if (values.isEmpty()) {
            throw StorageException.badInput("a condition needs at least one value");
        }
        for (Object value : values) {
            if (value instanceof Map || value instanceof List) {
                throw StorageException.badInput("condition values must be strings, numbers, booleans or null");
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(values));
    }

    private static boolean reachesAny(Map<String, Object> document, FieldPath path, List<Object> values) {
        List<Object> reached = JsonTree.resolve(document, path.segments());
        if (reached.isEmpty()) {
            return values.contains(null);
        }
        for (Object value : reached) {
            if (matchesAny(value, values)) {
                return true;
            }
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (matchesAny(element, values)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matchesAny(Object value, List<Object> candidates) {
        for (Object candidate : candidates) {
            if (JsonTree.sameScalar(value, candidate)) {
                return true;
            }
        }
        return false;
    }
}
