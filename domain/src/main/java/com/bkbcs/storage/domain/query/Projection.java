package com.bkbcs.storage.domain.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code field} parameter: only the named paths come back. A path through an array keeps the
 * array with the projected members of its elements; a path that names nothing is simply absent.
 * No path at all means the whole document. Paths lying under another listed path are redundant
 * and dropped, so stores never see overlapping paths.
 */
public record Projection(List<FieldPath> paths) {
    public static final Projection ALL = new Projection(List.of());

    private static final Object NOTHING = new Object();

    public Projection {
        // linear in the number of paths (times their depth): a path is covered when one of its
        // proper prefixes is listed too
        Set<List<String>> listed = new HashSet<>();
        for (FieldPath path : paths) {
            listed.add(path.segments());
        }
        Set<FieldPath> kept = new LinkedHashSet<>();
        for (FieldPath path : paths) {
            if (!coveredByAnother(path, listed)) {
                kept.add(path);
            }
        }
        paths = List.copyOf(kept);
    }

    private static boolean coveredByAnother(FieldPath path, Set<List<String>> listed) {
        List<String> segments = path.segments();
        for (int length = 1; length < segments.size(); length++) {
            if (listed.contains(segments.subList(0, length))) {
                return true;
            }
        }
        return false;
    }

    public boolean isAll() {
        return paths.isEmpty();
    }

    /** The projected copy of {@code document}, keys in the document's order. */
    public Map<String, Object> apply(Map<String, Object> document) {
        if (isAll()) {
            return document;
        }
        Node root = new Node();
        for (FieldPath path : paths) {
            Node node = root;
            for (String segment : path.segments()) {
                node = node.children.computeIfAbsent(segment, s -> new Node());
            }
            node.leaf = true;
        }
        Object projected = project(document, root);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = projected == NOTHING ? new LinkedHashMap<>() : (Map<String, Object>) projected;
        return result;
    }

    private static Object project(Object value, Node node) {
        if (node.leaf) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Node child = node.children.get((String) entry.getKey());
                if (child != null) {
                    Object projected = project(entry.getValue(), child);
                    if (projected != NOTHING) {
                        out.put((String) entry.getKey(), projected);
                    }
                }
            }
            return out.isEmpty() ? NOTHING : out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object element : list) {
                Object projected = project(element, node);
                if (projected != NOTHING) {
                    out.add(projected);
                }
            }
            return out.isEmpty() ? NOTHING : out;
        }
        return NOTHING;
    }

    private static final class Node {
        private final Map<String, Node> children = new LinkedHashMap<>();
        private boolean leaf;
    }
}
