package com.bkbcs.storage.domain.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conditions that must all hold. An empty filter matches everything. */
public record ResourceFilter(List<Condition> conditions) {
    public static final ResourceFilter ALL = new ResourceFilter(List.of());

    public ResourceFilter {
        conditions = List.copyOf(conditions);
    }

    public boolean matches(Map<String, Object> document) {
        for (Condition condition : conditions) {
            if (!condition.test(document)) {
                return false;
            }
        }
        return true;
    }

    public ResourceFilter and(List<Condition> more) {
        List<Condition> all = new ArrayList<>(conditions);
        all.addAll(more);
        return new ResourceFilter(all);
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }
}
