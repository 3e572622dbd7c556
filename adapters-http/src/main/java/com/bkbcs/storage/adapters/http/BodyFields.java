package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.StorageException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The typed members of a JSON object body (events, alarms, hosts), read the way the Go agents'
 * structs are decoded: an absent or {@code null} member is its zero value ({@code ""}, {@code 0},
 * an empty object) and a member of the wrong JSON type is bad input that names the member. Unknown
 * members are refused before a body gets here ({@link Exchange#jsonObjectBody(Accepted)}), and in
 * nested objects by {@link #object(String, Accepted)}. Dotted names in messages say where a nested member sits.
 */
public final class BodyFields {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Map<String, Object> body;
    private final String prefix;

    private BodyFields(Map<String, Object> body, String prefix) {
        this.body = Objects.requireNonNull(body, "body");
        this.prefix = prefix;
    }

    public static BodyFields of(Map<String, Object> body) {
        return new BodyFields(body, "");
    }

    /** A string member; absent or {@code null} is {@code ""}. */
    public String text(String name) {
        Object value = body.get(name);
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        throw wrongType(name, "a string");
    }

    /** An integer member within int64 (unix seconds, say); absent or {@code null} is 0. */
    public long int64(String name) {
        Object value = body.get(name);
        if (value == null) {
            return 0;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0) {
            return big.longValue();
        }
        throw wrongType(name, "an integer within int64 (unix seconds)");
    }

    /**
     * An object member with only the given {@code members}; absent or {@code null} is an empty
     * object, an unknown member is bad input naming it.
     */
    public BodyFields object(String name, Accepted members) {
        Object value = body.get(name);
        if (value == null) {
            return new BodyFields(Map.of(), prefix + name + ".");
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            members.require(typed.keySet(), "body member of " + prefix + name);
            return new BodyFields(typed, prefix + name + ".");
        }
        throw wrongType(name, "an object");
    }

    /** A member that must be a list of strings; absent or {@code null} is bad input too. */
    public List<String> texts(String name) {
        if (body.get(name) instanceof List<?> list) {
            List<String> texts = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    throw StorageException.badInput(prefix + name + " must be a list of strings, had " + describe(item));
                }
                texts.add(text);
            }
            return texts;
        }
        throw wrongType(name, "a list of strings");
    }

    /** Any JSON value, {@code null} when absent. */
    public Object any(String name) {
        return body.get(name);
    }

    private StorageException wrongType(String name, String expected) {
        return StorageException.badInput(prefix + name + " must be " + expected + ", was " + describe(body.get(name)));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null or absent";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number number) {
            return "the number " + number;
        }
        return value instanceof Map ? "an object" : "an array";
    }
}
