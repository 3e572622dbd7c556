package com.bkbcs.storage.bootstrap.cli;

import java.util.Map;

/** Values inside documents (maps and lists, as the client adapter hands them on). */
final class Trees {
    static final String NONE = "<none>";

    private Trees() {
    }

    /** The value at a dotted path, or null. */
    static Object at(Object tree, String path) {
        Object node = tree;
        for (String step : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(step);
        }
        return node;
    }

    /** The text at a dotted path, or {@code <none>}. */
    static String text(Object tree, String path) {
        Object value = at(tree, path);
        return value == null || value instanceof Map<?, ?> || value.toString().isEmpty() ? NONE : value.toString();
    }
}
