package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.StorageClientException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A document of an {@code apply} file as the agents would report it: the type is the Kubernetes
 * {@code kind}, the name and namespace come from {@code metadata}, the stored {@code data} is the
 * whole object. Namespaced kinds without {@code metadata.namespace} go to {@code -n} (or "default")
 * and get it filled in; cluster-scoped kinds (the {@link Kinds} table; a kind not in it when it has
 * no namespace) are stored under {@code cluster_resources}. A document as {@code get -o json|yaml}
 * prints it ({@code resourceType}, {@code resourceName}, {@code namespace}, {@code data}) is
 * accepted too, so a get can be applied back. {@code kind: List} documents are read item by item.
 */
record Manifest(String type, Optional<String> namespace, String name, Object data, String source) {
    /** Every resource of {@code document}. */
    static List<Manifest> of(Object document, String source, String namespaceOption) {
        if (!(document instanceof Map<?, ?> map)) {
            throw invalid(source, "a document must be an object, was " + describe(document));
        }
        Object kind = map.get("kind");
        if (kind instanceof String list && list.endsWith("List") && map.get("items") instanceof List<?> items) {
            List<Manifest> all = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                all.addAll(of(items.get(i), source + " items[" + i + "]", namespaceOption));
            }
            return all;
        }
        if (map.get("resourceType") instanceof String storedType && map.get("resourceName") instanceof String storedName
                && map.containsKey("data")) {
            Optional<String> namespace = map.get("namespace") instanceof String ns && !ns.isEmpty()
                    ? Optional.of(ns) : Optional.empty();
            return List.of(new Manifest(storedType, namespace, storedName, map.get("data"), source));
        }
        if (!(kind instanceof String kindName) || kindName.isEmpty()) {
            throw invalid(source, "no 'kind' (a Kubernetes object needs kind and metadata.name)");
        }
        if (!(Trees.at(document, "metadata.name") instanceof String name) || name.isEmpty()) {
            throw invalid(source, kindName + " has no metadata.name");
        }
        Object declared = Trees.at(document, "metadata.namespace");
        Optional<String> inDocument = declared instanceof String ns && !ns.isEmpty() ? Optional.of(ns) : Optional.empty();
        boolean clusterScoped = Kinds.known(kindName).map(Kinds.Kind::clusterScoped).orElse(inDocument.isEmpty());
        if (clusterScoped) {
            return List.of(new Manifest(kindName, Optional.empty(), name, document, source));
        }
        if (inDocument.isPresent() && namespaceOption != null && !inDocument.get().equals(namespaceOption)) {
            throw invalid(source, "the namespace of " + kindName + " " + name + " is '" + inDocument.get()
                    + "', which does not match -n '" + namespaceOption + "'");
        }
        String namespace = inDocument.orElse(namespaceOption == null ? ScopeOptions.DEFAULT_NAMESPACE : namespaceOption);
        return List.of(new Manifest(kindName, Optional.of(namespace), name, withNamespace(map, namespace), source));
    }

    /** {@code kind/name}, as apply reports it. */
    String label() {
        return new Kinds.Kind(type, namespace.isEmpty()).prefix() + "/" + name;
    }

    @SuppressWarnings("unchecked")
    private static Object withNamespace(Map<?, ?> document, String namespace) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) document);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) copy.get("metadata"));
        metadata.putIfAbsent("namespace", namespace);
        copy.put("metadata", metadata);
        return copy;
    }

    private static String describe(Object value) {
        return value instanceof List<?> ? "a list" : value == null ? "empty" : "'" + value + "'";
    }

    private static StorageClientException invalid(String source, String message) {
        return StorageClientException.invalidInput(source + ": " + message, null);
    }
}
