package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.ApiPaths;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;

/** Which resources: {@code --env}, {@code -c/--cluster}, {@code -n/--namespace}, {@code -A}. */
public final class ScopeOptions {
    static final String DEFAULT_NAMESPACE = "default";

    @Option(names = "--env", paramLabel = "k8s|mesos", defaultValue = "k8s", completionCandidates = Envs.class,
            description = "The environment of the routes: k8s or mesos (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = {"-c", "--cluster"}, paramLabel = "<clusterId>", defaultValue = "${env:BCS_STORAGE_CLUSTER}",
            description = "The cluster (env BCS_STORAGE_CLUSTER).")
    String cluster;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
            description = "The namespace of namespaced types (default: default).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Every namespace (and cluster-scoped resources of the type).")
    boolean allNamespaces;

    /** The completion candidates of --env. */
    static final class Envs extends java.util.ArrayList<String> {
        Envs() {
            super(List.of("k8s", "mesos"));
        }
    }

    String env() {
        if (!"k8s".equals(env) && !"mesos".equals(env)) {
            throw new IllegalArgumentException("--env must be k8s or mesos, was '" + env + "'");
        }
        return env;
    }

    String cluster() {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("--cluster (-c) is required here (or set BCS_STORAGE_CLUSTER)");
        }
        return cluster;
    }

    /** The namespace a namespaced name lives in: -n, or "default". */
    String namespace() {
        return namespace == null ? DEFAULT_NAMESPACE : namespace;
    }

    void requireNotBoth() {
        if (allNamespaces && namespace != null) {
            throw new IllegalArgumentException("-A (--all-namespaces) and -n (--namespace) exclude each other");
        }
    }

    /** The route of one resource of {@code kind}. */
    String onePath(Kinds.Kind kind, String name) {
        if (allNamespaces && !kind.clusterScoped()) {
            throw new IllegalArgumentException("a resource name needs one namespace: use -n, not -A");
        }
        return ApiPaths.resource(env(), cluster(), kind.clusterScoped() ? Optional.empty() : Optional.of(namespace()),
                kind.name(), name);
    }

    /** The route listing (and batch deleting) the resources of {@code kind} in scope. */
    String listPath(Kinds.Kind kind) {
        requireNotBoth();
        if (kind.clusterScoped()) {
            return ApiPaths.scope(env(), cluster(), Optional.empty(), kind.name());
        }
        return allNamespaces ? ApiPaths.allScopes(env(), cluster(), kind.name())
                : ApiPaths.scope(env(), cluster(), Optional.of(namespace()), kind.name());
    }

    /** "namespace default of cluster X", "every namespace of cluster X", "cluster X". */
    String describe(Kinds.Kind kind) {
        if (kind.clusterScoped()) {
            return "cluster " + cluster();
        }
        return (allNamespaces ? "every namespace" : "namespace " + namespace()) + " of cluster " + cluster();
    }
}
