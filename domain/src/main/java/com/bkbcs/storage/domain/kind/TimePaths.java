package com.bkbcs.storage.domain.kind;

import com.bkbcs.storage.domain.query.FieldPath;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paths inside {@code data} that typed queries read as times: all of them, and those of the
 * kinds reading each stored resource type. Stores that cannot compare reported time strings as
 * instants keep a normalized instant of exactly these paths, and index those of each type.
 */
public record TimePaths(Set<FieldPath> all, Map<String, Set<FieldPath>> byResourceType) {
    /** No path is read as a time. */
    public static final TimePaths NONE = new TimePaths(Set.of(), Map.of());

    public TimePaths {
        all = Set.copyOf(new LinkedHashSet<>(all));
        Map<String, Set<FieldPath>> copy = new LinkedHashMap<>();
        byResourceType.forEach((type, paths) -> copy.put(type, Set.copyOf(paths)));
        byResourceType = Map.copyOf(copy);
    }

    /** The time parameters of {@code kinds}. */
    public static TimePaths of(List<QueryKind> kinds) {
        Set<FieldPath> all = new LinkedHashSet<>();
        Map<String, Set<FieldPath>> byType = new LinkedHashMap<>();
        for (QueryKind kind : kinds) {
            for (QueryParameter parameter : kind.parameters()) {
                if (parameter.type() == ParameterType.TIME) {
                    all.add(parameter.path());
                    for (String type : kind.resourceTypes()) {
                        byType.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(parameter.path());
                    }
                }
            }
        }
        return new TimePaths(all, byType);
    }

    public boolean contains(FieldPath path) {
        return all.contains(path);
    }

    /** The time paths of the kinds that read {@code resourceType}: what an index on it may serve. */
    public Set<FieldPath> of(String resourceType) {
        return byResourceType.getOrDefault(resourceType, Set.of());
    }
}
