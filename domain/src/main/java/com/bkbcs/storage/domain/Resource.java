package com.bkbcs.storage.domain;

import com.bkbcs.storage.domain.JsonTree;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static com.bkbcs.storage.domain.StoredFields.CLUSTER_ID;
import static com.bkbcs.storage.domain.StoredFields.CREATE_TIME;
import static com.bkbcs.storage.domain.StoredFields.DATA;
import static com.bkbcs.storage.domain.StoredFields.ID;
import static com.bkbcs.storage.domain.StoredFields.NAMESPACE;
import static com.bkbcs.storage.domain.StoredFields.REVISION;
import static com.bkbcs.storage.domain.StoredFields.UPDATE_TIME;

/**
 * One stored dynamic resource: its identity, the data as reported (any JSON value), when it was
 * first stored, when it was last replaced, and the revision of its last write.
 */
public record Resource(ResourceKey key, Object data, Instant createTime, Instant updateTime, long revision) {
    public static final String RESOURCE_TYPE = "resourceType";
    public static final String RESOURCE_NAME = "resourceName";

    public Resource {
        Objects.requireNonNull(key, "key");
        data = JsonTree.freeze(data);
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(updateTime, "updateTime");
        if (revision < 0) {
            throw new IllegalArgumentException("a revision is never negative, not " + revision);
        }
    }

    /** A resource written before revisions existed (revision 0, which documents do not show). */
    public Resource(ResourceKey key, Object data, Instant createTime, Instant updateTime) {
        this(key, data, createTime, updateTime, 0);
    }

    /**
     * The document form every list, filter and projection works on: {@code _id}, {@code clusterId},
     * {@code namespace} (namespaced resources only), {@code resourceType}, {@code resourceName},
     * {@code data}, {@code createTime} and {@code updateTime} (as instants) and {@code revision} (when
     * known), in that order.
     */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>(16);
        document.put(ID, key.id());
        document.put(CLUSTER_ID, key.clusterId());
        key.namespace().ifPresent(ns -> document.put(NAMESPACE, ns));
        document.put(RESOURCE_TYPE, key.resourceType());
        document.put(RESOURCE_NAME, key.resourceName());
        document.put(DATA, data);
        document.put(CREATE_TIME, createTime);
        document.put(UPDATE_TIME, updateTime);
        if (revision > 0) {
            document.put(REVISION, revision);
        }
        return document;
    }
}
