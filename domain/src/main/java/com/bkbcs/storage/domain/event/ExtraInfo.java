package com.bkbcs.storage.domain.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What an event says about the object it concerns, filterable as {@code extraInfo.name} and so on. */
public record ExtraInfo(String name, String namespace, String kind) {
    public static final ExtraInfo NONE = new ExtraInfo("", "", "");

    public ExtraInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code {name, namespace, kind}}. */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>(4);
        document.put("name", name);
        document.put("namespace", namespace);
        document.put("kind", kind);
        return document;
    }
}
