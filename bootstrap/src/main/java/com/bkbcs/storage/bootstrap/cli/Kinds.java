package com.bkbcs.storage.bootstrap.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resource types as kubectl users type them ({@code pods}, {@code po}, {@code deploy}) to the type the
 * agents store ({@code Pod}, {@code Deployment}: the Kubernetes kind), and which kinds are
 * cluster-scoped (stored under {@code cluster_resources}). A type not in the table is used exactly
 * as typed (types are case-sensitive) and taken as namespaced.
 */
final class Kinds {
    /** A stored type and its scope. */
    record Kind(String name, boolean clusterScoped) {
        /** How {@code -o name} and apply's messages write it: {@code pod/web-1}. */
        String prefix() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    private static final Map<String, Kind> BY_ALIAS = table();

    private static Map<String, Kind> table() {
        Map<String, Kind> byAlias = new LinkedHashMap<>();
        namespaced(byAlias, "Pod", "pods", "po");
        namespaced(byAlias, "Deployment", "deployments", "deploy");
        namespaced(byAlias, "ReplicaSet", "replicasets", "rs");
        namespaced(byAlias, "StatefulSet", "statefulsets", "sts");
        namespaced(byAlias, "DaemonSet", "daemonsets", "ds");
        namespaced(byAlias, "Job", "jobs");
        namespaced(byAlias, "CronJob", "cronjobs", "cj");
        namespaced(byAlias, "Service", "services", "svc");
        namespaced(byAlias, "Endpoints", "ep");
        namespaced(byAlias, "ConfigMap", "configmaps", "cm");
        namespaced(byAlias, "Secret", "secrets");
        namespaced(byAlias, "Ingress", "ingresses", "ing");
        namespaced(byAlias, "ServiceAccount", "serviceaccounts", "sa");
        namespaced(byAlias, "PersistentVolumeClaim", "persistentvolumeclaims", "pvc");
        namespaced(byAlias, "HorizontalPodAutoscaler", "horizontalpodautoscalers", "hpa");
        namespaced(byAlias, "Role", "roles");
        namespaced(byAlias, "RoleBinding", "rolebindings");
        namespaced(byAlias, "Event", "events", "ev");
        clusterScoped(byAlias, "Node", "nodes", "no");
        clusterScoped(byAlias, "Namespace", "namespaces", "ns");
        clusterScoped(byAlias, "PersistentVolume", "persistentvolumes", "pv");
        clusterScoped(byAlias, "StorageClass", "storageclasses", "sc");
        clusterScoped(byAlias, "ClusterRole", "clusterroles");
        clusterScoped(byAlias, "ClusterRoleBinding", "clusterrolebindings");
        clusterScoped(byAlias, "CustomResourceDefinition", "customresourcedefinitions", "crd", "crds");
        clusterScoped(byAlias, "PriorityClass", "priorityclasses", "pc");
        clusterScoped(byAlias, "IngressClass", "ingressclasses");
        clusterScoped(byAlias, "IPPoolStatic", "ippoolstatics");
        clusterScoped(byAlias, "IPPoolStaticDetail", "ippoolstaticdetails");
        return Collections.unmodifiableMap(byAlias);
    }

    private Kinds() {
    }

    private static void namespaced(Map<String, Kind> byAlias, String kind, String... aliases) {
        add(byAlias, new Kind(kind, false), aliases);
    }

    private static void clusterScoped(Map<String, Kind> byAlias, String kind, String... aliases) {
        add(byAlias, new Kind(kind, true), aliases);
    }

    private static void add(Map<String, Kind> byAlias, Kind kind, String... aliases) {
        byAlias.put(kind.name().toLowerCase(Locale.ROOT), kind);
        for (String alias : aliases) {
            byAlias.put(alias, kind);
        }
    }

    /** The kind {@code typed} names (any case for the table's kinds), or {@code typed} itself, namespaced. */
    static Kind resolve(String typed) {
        return known(typed).orElseGet(() -> new Kind(typed, false));
    }

    /** A kind of the table, by its name or an alias, in any case. */
    static Optional<Kind> known(String typed) {
        return Optional.ofNullable(BY_ALIAS.get(typed.toLowerCase(Locale.ROOT)));
    }

    /** Every name and alias, for completion. */
    static List<String> names() {
        return List.copyOf(BY_ALIAS.keySet());
    }
}
