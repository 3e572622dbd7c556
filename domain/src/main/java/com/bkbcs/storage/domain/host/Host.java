package com.bkbcs.storage.domain.host;

import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.Names;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static com.bkbcs.storage.domain.StoredFields.CLUSTER_ID;
import static com.bkbcs.storage.domain.StoredFields.CREATE_TIME;
import static com.bkbcs.storage.domain.StoredFields.DATA;
import static com.bkbcs.storage.domain.StoredFields.ID;
import static com.bkbcs.storage.domain.StoredFields.UPDATE_TIME;

/**
 * One stored host, identified by its ip: the cluster that owns it ({@link #NO_CLUSTER} when none
 * does), the data as reported, when it was first stored and last changed.
 */
public record Host(String ip, String clusterId, Object data, Instant createTime, Instant updateTime) {
    /** The cluster of a host that no cluster owns: stored before any assignment, or released by one. */
    public static final String NO_CLUSTER = "";
    public static final String IP = "ip";

    public Host {
        requireIp(ip);
        requireCluster(clusterId);
        data = JsonTree.freeze(data);
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(updateTime, "updateTime");
    }

    /** A host's ip follows the name rule (it is a path segment). */
    public static String requireIp(String ip) {
        return Names.require("ip", ip);
    }

    /** A host's cluster is {@link #NO_CLUSTER} or a valid name. */
    public static String requireCluster(String clusterId) {
        Objects.requireNonNull(clusterId, "clusterId");
        return clusterId.equals(NO_CLUSTER) ? clusterId : Names.require("clusterId", clusterId);
    }

    /** {@code {_id, ip, clusterId, data, createTime, updateTime}}; {@code _id} is the ip. */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>(8);
        document.put(ID, ip);
        document.put(IP, ip);
        document.put(CLUSTER_ID, clusterId);
        document.put(DATA, data);
        document.put(CREATE_TIME, createTime);
        document.put(UPDATE_TIME, updateTime);
        return document;
    }
}
