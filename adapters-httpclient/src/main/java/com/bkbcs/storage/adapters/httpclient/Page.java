package com.bkbcs.storage.adapters.httpclient;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Items of a list answer (objects as maps, or plain values for lists like the used namespaces), with
 * the envelope's {@code revision} (dynamic lists: where a watch can start) and {@code total} (events
 * and alarms: matches before paging) when it carries them.
 */
public record Page(List<Object> items, OptionalLong revision, OptionalLong total) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(total, "total");
    }
}
