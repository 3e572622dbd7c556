package com.bkbcs.storage.domain.journal;

import com.bkbcs.storage.domain.StoredFields;
import java.util.List;

/**
 * The two journals of the service: events and alarms. Both are append-only lists of reports, kept
 * per cluster, listed newest first by the time the reporter gave ({@link #timeField()}), and cut
 * back by retention on the time the service stored them ({@link #STORED_AT}).
 */
public enum JournalKind {
    EVENTS("eventTime", List.of(StoredFields.ID, "id", "env", "kind", "level", "component", "type", "describe",
            StoredFields.CLUSTER_ID, "eventTime", "extraInfo", "data", JournalKind.STORED_AT)),
    ALARMS("receivedTime", List.of(StoredFields.ID, StoredFields.CLUSTER_ID, "namespace", "message", "source", "module",
            "type", "receivedTime", "data", JournalKind.STORED_AT));

    /** The identity the store gives each entry: unique, never reused. */
    /** When the service stored the entry; retention counts age from it. */
    public static final String STORED_AT = StoredFields.CREATE_TIME;

    private final String timeField;
    private final List<String> fields;

    JournalKind(String timeField, List<String> fields) {
        this.timeField = timeField;
        this.fields = fields;
    }

    /** The reported time entries are ordered and ranged by: {@code eventTime}, {@code receivedTime}. */
    public String timeField() {
        return timeField;
    }

    /** The top-level fields of an entry's document, in their order. */
    public List<String> fields() {
        return fields;
    }
}
