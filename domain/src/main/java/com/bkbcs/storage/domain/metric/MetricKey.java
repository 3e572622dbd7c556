package com.bkbcs.storage.domain.metric;

import com.bkbcs.storage.domain.Names;

/** Identity of one metric: cluster, namespace, type (case-sensitive) and name, each a valid name. */
public record MetricKey(String clusterId, String namespace, String type, String name) {

    public MetricKey {
        Names.require("clusterId", clusterId);
        Names.require("namespace", namespace);
        Names.require("type", type);
        Names.require("name", name);
    }

    /** The stored {@code _id}: {@code {clusterId}/{namespace}/{type}/{name}} (names never contain '/'). */
    public String id() {
        return clusterId + "/" + namespace + "/" + type + "/" + name;
    }
}
