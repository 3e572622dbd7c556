package com.bkbcs.storage.domain;

import java.util.Optional;

/**
 * Which resources of one type in one cluster a list or a batch delete addresses: those of one
 * namespace, the cluster-scoped ones (no namespace), or all of them.
 */
public record ResourceScope(String clusterId, String resourceType, Level level, Optional<String> namespace) {

    public enum Level { NAMESPACE, CLUSTER, ALL }

    public ResourceScope {
        Names.require("clusterId", clusterId);
        Names.require("resourceType", resourceType);
        namespace.ifPresent(ns -> Names.require("namespace", ns));
        if ((level == Level.NAMESPACE) != namespace.isPresent()) {
            throw new IllegalArgumentException("a namespace is given exactly for the NAMESPACE level");
        }
    }

    public static ResourceScope namespace(String clusterId, String namespace, String resourceType) {
        return new ResourceScope(clusterId, resourceType, Level.NAMESPACE, Optional.of(namespace));
    }

    public static ResourceScope cluster(String clusterId, String resourceType) {
        return new ResourceScope(clusterId, resourceType, Level.CLUSTER, Optional.empty());
    }

    public static ResourceScope all(String clusterId, String resourceType) {
        return new ResourceScope(clusterId, resourceType, Level.ALL, Optional.empty());
    }

    /** Whether a resource with this identity lies in the scope. */
    public boolean contains(ResourceKey key) {
        if (!key.clusterId().equals(clusterId) || !key.resourceType().equals(resourceType)) {
            return false;
        }
        return switch (level) {
            case NAMESPACE -> key.namespace().equals(namespace);
            case CLUSTER -> key.namespace().isEmpty();
            case ALL -> true;
        };
    }
}
