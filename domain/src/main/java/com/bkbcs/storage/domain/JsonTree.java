package com.bkbcs.storage.domain;

import com.bkbcs.storage.domain.StorageException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reported data is an opaque JSON tree made of plain Java values: {@code Map<String, Object>}
 * (keys in document order), {@code List<Object>}, {@code String}, a {@code Number}, {@code Boolean}
 * or {@code null}. Stored documents may also carry {@link Instant}s for the times the service
 * stamps. The domain never interprets the data beyond walking paths in it.
 */
public final class JsonTree {
    /**
     * Deepest nesting accepted in reported data; stored documents wrap it in two more levels and
     * MongoDB refuses documents nested deeper than 100.
     */
    public static final int MAX_DEPTH = 90;

    private JsonTree() {
    }

    /**
     * A deep, unmodifiable copy of {@code value}, checked to be a JSON tree no deeper than
     * {@link #MAX_DEPTH}. Anything else is bad input.
     */
    public static Object freeze(Object value) {
        return freeze(value, 0);
    }

    private static Object freeze(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw StorageException.badInput("data is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Instant) {
            return value;
        }
        if (value instanceof Number number) {
            return checkedNumber(number);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw StorageException.badInput("object keys must be strings");
                }
                copy.put(key, freeze(entry.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(freeze(element, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw StorageException.badInput("not a JSON value: " + value.getClass().getSimpleName());
    }

    private static Number checkedNumber(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof BigInteger
                || number instanceof BigDecimal) {
            return number;
        }
        if (number instanceof Short || number instanceof Byte) {
            return number.intValue();
        }
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw StorageException.badInput("numbers must be finite");
        }
        return number instanceof Float ? (Number) d : number;
    }

    /**
     * The one policy for a JSON number with a fraction or an exponent, whichever codec read it: a
     * {@code Double} when a double holds exactly its value (so {@code 0.5} and {@code 2.5e3} compare
     * and store as doubles do), a {@code BigDecimal} otherwise, so no digit is ever lost, not even
     * of a value beyond the range of a double.
     */
    public static Number decimal(BigDecimal value) {
        double d = value.doubleValue();
        if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(value) == 0) {
            return d;
        }
        return value;
    }

    /**
     * Every value the path reaches, with MongoDB's semantics: a path walks into each element of an
     * array it meets, so one path may reach several values. An empty list means the path names
     * nothing.
     */
    public static List<Object> resolve(Object root, List<String> segments) {
        List<Object> found = new ArrayList<>(1);
        collect(root, segments, 0, found);
        return found;
    }

    private static void collect(Object node, List<String> segments, int index, List<Object> found) {
        if (index == segments.size()) {
            found.add(node);
            return;
        }
        if (node instanceof Map<?, ?> map) {
            String segment = segments.get(index);
            if (map.containsKey(segment)) {
                collect(map.get(segment), segments, index + 1, found);
            }
        } else if (node instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?>) {
                    collect(element, segments, index, found);
                }
            }
        }
    }

    /**
     * Scalar equality as a document store sees it: numbers compare by value whatever their Java
     * type (3 equals 3.0), everything else by {@code equals}.
     */
    public static boolean sameScalar(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return toBigDecimal(x).compareTo(toBigDecimal(y)) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
