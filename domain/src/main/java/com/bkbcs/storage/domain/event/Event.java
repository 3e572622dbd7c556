package com.bkbcs.storage.domain.event;

import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.journal.JournalEntry;
import com.bkbcs.storage.domain.journal.JournalKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event as an agent reports it ({@code BcsStorageEventIf}). Every text may be empty, {@code id}
 * included: events are appended, never identified by what the agent sends, so duplicates are kept.
 * {@code data} is any JSON value, {@code null} included.
 */
public record Event(String id, String env, String kind, String level, String component, String type, String describe,
                   String clusterId, Instant eventTime, ExtraInfo extraInfo, Object data) implements JournalEntry {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(describe, "describe");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(extraInfo, "extraInfo");
        data = JsonTree.freeze(data);
    }

    @Override
    public JournalKind journal() {
        return JournalKind.EVENTS;
    }

    @Override
    public Instant time() {
        return eventTime;
    }

    @Override
    public Map<String, Object> toDocument(String storedId, Instant storedAt) {
        Map<String, Object> document = new LinkedHashMap<>(16);
        document.put(StoredFields.ID, storedId);
        document.put("id", id);
        document.put("env", env);
        document.put("kind", kind);
        document.put("level", level);
        document.put("component", component);
        document.put("type", type);
        document.put("describe", describe);
        document.put(StoredFields.CLUSTER_ID, clusterId);
        document.put("eventTime", eventTime);
        document.put("extraInfo", extraInfo.toDocument());
        document.put("data", data);
        document.put(JournalKind.STORED_AT, Objects.requireNonNull(storedAt, "storedAt"));
        return document;
    }
}
