package com.bkbcs.storage.domain.alarm;

import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.journal.JournalEntry;
import com.bkbcs.storage.domain.journal.JournalKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An alarm as a reporter sends it ({@code BcsStorageAlarmIf}). Every text may be empty; alarms are
 * appended, duplicates kept. {@code data} is any JSON value, {@code null} included.
 */
public record Alarm(String clusterId, String namespace, String message, String source, String module, String type,
                    Instant receivedTime, Object data) implements JournalEntry {

    public Alarm {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(receivedTime, "receivedTime");
        data = JsonTree.freeze(data);
    }

    @Override
    public JournalKind journal() {
        return JournalKind.ALARMS;
    }

    @Override
    public Instant time() {
        return receivedTime;
    }

    @Override
    public Map<String, Object> toDocument(String storedId, Instant storedAt) {
        Map<String, Object> document = new LinkedHashMap<>(16);
        document.put(StoredFields.ID, storedId);
        document.put(StoredFields.CLUSTER_ID, clusterId);
        document.put("namespace", namespace);
        document.put("message", message);
        document.put("source", source);
        document.put("module", module);
        document.put("type", type);
        document.put("receivedTime", receivedTime);
        document.put("data", data);
        document.put(JournalKind.STORED_AT, Objects.requireNonNull(storedAt, "storedAt"));
        return document;
    }
}
