package com.bkbcs.storage.adapters.httpclient;

import java.util.Objects;
import java.util.Optional;

/**
 * The routes the client calls, relative to the API prefix (docs/dynamic-data.md, docs/queries.md,
 * docs/events-alarms.md, docs/watching.md). Every name is percent-encoded as one path segment.
 */
public final class ApiPaths {
    /** The prefix the agents call; the gateway's {@code /bcsapi/v4/storage} serves the same routes. */
    public static final String PREFIX = "/bcsstorage/v1";

    private ApiPaths() {
    }

    /** One resource: namespaced when {@code namespace} is present, else cluster-scoped. */
    public static String resource(String env, String cluster, Optional<String> namespace, String type, String name) {
        return scope(env, cluster, namespace, type) + "/" + segment(name);
    }

    /** The list (and batch delete) of one namespace's resources, or of the cluster-scoped ones. */
    public static String scope(String env, String cluster, Optional<String> namespace, String type) {
        Objects.requireNonNull(namespace, "namespace");
        return namespace.map(ns -> "/" + segment(env) + "/dynamic/namespace_resources/clusters/" + segment(cluster)
                        + "/namespaces/" + segment(ns) + "/" + segment(type))
                .orElseGet(() -> "/" + segment(env) + "/dynamic/cluster_resources/clusters/" + segment(cluster) + "/"
                        + segment(type));
    }

    /** Namespaced and cluster-scoped resources of a type together. */
    public static String allScopes(String env, String cluster, String type) {
        return "/" + segment(env) + "/dynamic/all_resources/clusters/" + segment(cluster) + "/" + segment(type);
    }

    /** The change stream of a type in a cluster. */
    public static String watch(String env, String cluster, String type) {
        return "/" + segment(env) + "/dynamic/watch/clusters/" + segment(cluster) + "/" + segment(type);
    }

    /** A typed query. */
    public static String query(String env, String cluster, String kind) {
        return "/query/" + segment(env) + "/dynamic/clusters/" + segment(cluster) + "/" + segment(kind);
    }

    public static String events() {
        return "/events";
    }

    public static String alarms() {
        return "/alarms";
    }

    private static String segment(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a name in the path must not be empty");
        }
        return Query.encode(name);
    }
}
