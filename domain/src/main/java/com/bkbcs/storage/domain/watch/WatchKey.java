package com.bkbcs.storage.domain.watch;

import com.bkbcs.storage.domain.Env;
import java.util.Objects;

/**
 * Identity of one watch entry: environment, cluster, namespace, type (case-sensitive) and name.
 *
 * <p>The contract lays watch data out as one entry per {@code {namespace}.{resourceName}} under its
 * type, so the identity within a type is the {@link #entryName() joined name}: keys whose namespace
 * and name join to the same string (namespace {@code a.b} with name {@code c}, namespace {@code a}
 * with name {@code b.c}) address the same entry. Kubernetes namespaces never contain dots, so this
 * only matters for dotted mesos namespaces.
 */
public record WatchKey(Env env, String clusterId, String namespace, String resourceType, String resourceName) {

    public WatchKey {
        Objects.requireNonNull(env, "env");
        WatchNames.require("clusterId", clusterId);
        WatchNames.require("namespace", namespace);
        WatchNames.require("resourceType", resourceType);
        WatchNames.require("resourceName", resourceName);
    }

    /** {@code {namespace}.{resourceName}}: the entry's name within its type. */
    public String entryName() {
        return namespace + "." + resourceName;
    }

    /** The list this entry appears in. */
    public WatchScope scope() {
        return new WatchScope(env, clusterId, namespace, resourceType);
    }
}
