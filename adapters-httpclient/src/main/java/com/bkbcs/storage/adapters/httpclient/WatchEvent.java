package com.bkbcs.storage.adapters.httpclient;

import java.util.Map;
import java.util.Objects;

/**
 * One line of a change stream: {@code ADDED}, {@code MODIFIED}, {@code DELETED} (with the object) or
 * {@code BOOKMARK} (without), and the line as the server sent it. {@code fromList} marks the objects
 * of a (re-)list, handed on as {@code ADDED} at the list's revision.
 */
public record WatchEvent(String type, long revision, Map<String, Object> object, String json, boolean fromList) {
    public static final String BOOKMARK = "BOOKMARK";

    public WatchEvent {
        Objects.requireNonNull(type, "type");
        object = object == null ? Map.of() : object;
        Objects.requireNonNull(json, "json");
    }

    public boolean isBookmark() {
        return BOOKMARK.equals(type);
    }
}
