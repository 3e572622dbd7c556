package com.bkbcs.storage.domain.change;

import java.util.List;

/**
 * A page of changes: every change with a revision in {@code (after, through]} is in
 * {@code changes}, in revision order.
 */
public record ChangePage(List<Change> changes, long through) {
    public ChangePage {
        changes = List.copyOf(changes);
        if (!changes.isEmpty() && changes.get(changes.size() - 1).revision() > through) {
            throw new IllegalArgumentException("a page's changes end at or before its through revision");
        }
    }
}
