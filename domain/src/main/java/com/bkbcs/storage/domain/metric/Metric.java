package com.bkbcs.storage.domain.metric;

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
import static com.bkbcs.storage.domain.StoredFields.UPDATE_TIME;

/** One stored metric: its identity, the data as reported, when it was first stored and last replaced. */
public record Metric(MetricKey key, Object data, Instant createTime, Instant updateTime) {
    public static final String TYPE = "type";
    public static final String NAME = "name";

    public Metric {
        Objects.requireNonNull(key, "key");
        data = JsonTree.freeze(data);
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(updateTime, "updateTime");
    }

    /** {@code {_id, clusterId, namespace, type, name, data, createTime, updateTime}}, in that order. */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>(16);
        document.put(ID, key.id());
        document.put(CLUSTER_ID, key.clusterId());
        document.put(NAMESPACE, key.namespace());
        document.put(TYPE, key.type());
        document.put(NAME, key.name());
        document.put(DATA, data);
        document.put(CREATE_TIME, createTime);
        document.put(UPDATE_TIME, updateTime);
        return document;
    }
}
