package com.bkbcs.storage.domain;

import java.util.Optional;

/**
 * Identity of one dynamic resource: cluster, namespace (absent for cluster-scoped resources),
 * type (case-sensitive) and name.
 */
public record ResourceKey(String clusterId, Optional<String> namespace, String resourceType, String resourceName) {

    public ResourceKey {
        Names.require("clusterId", clusterId);
        namespace.ifPresent(ns -> Names.require("namespace", ns));
        Names.require("resourceType", resourceType);
        Names.require("resourceName", resourceName);
    }

    public static ResourceKey namespaced(String clusterId, String namespace, String resourceType, String resourceName) {
        return new ResourceKey(clusterId, Optional.of(namespace), resourceType, resourceName);
    }

    public static ResourceKey clusterScoped(String clusterId, String resourceType, String resourceName) {
        return new ResourceKey(clusterId, Optional.empty(), resourceType, resourceName);
    }

    /**
     * The stored {@code _id}: the identity's segments joined by '/'. Names never contain '/', and a
     * namespaced id has four segments where a cluster-scoped one has three, so ids never collide.
     */
    public String id() {
        return namespace.map(ns -> clusterId + "/" + ns + "/" + resourceType + "/" + resourceName)
                .orElseGet(() -> clusterId + "/" + resourceType + "/" + resourceName);
    }
}
