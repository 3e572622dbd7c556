package com.bkbcs.storage.domain.change;

import com.bkbcs.storage.domain.ResourceKey;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change of dynamic data: its revision (unique and increasing across the store), what happened,
 * when it was recorded, the resource's key and its document form after the change (for a delete,
 * the last stored state). The document is the one lists return ({@code Resource#toDocument()}),
 * with {@code revision} set to this change's revision. The document's data is stored data, already
 * frozen by the store that read it; the map itself is copied.
 */
public record Change(long revision, ChangeType type, Instant at, ResourceKey key, Map<String, Object> document) {

    public Change {
        if (revision <= 0) {
            throw new IllegalArgumentException("a change's revision is positive, not " + revision);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(key, "key");
        document = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(document, "document")));
    }
}
