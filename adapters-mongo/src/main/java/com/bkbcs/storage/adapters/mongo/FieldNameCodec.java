package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.query.FieldPath;

/**
 * Keys inside reported data are whatever the agents send, while MongoDB reads '.' in a field name
 * as a path separator and a leading '$' as an operator, and BSON cannot hold NUL in a name. Every
 * key inside {@code data} is therefore percent-encoded on the way in and decoded on the way out:
 * '%' becomes {@code %25}, '.' {@code %2E}, '$' {@code %24}, NUL {@code %00}, and the empty key
 * becomes a lone {@code %}, which no encoded non-empty key can be. Keys without those characters
 * are stored as they are, so ordinary documents stay readable in the database.
 */
final class FieldNameCodec {
    static final String EMPTY_KEY = "%";

    private FieldNameCodec() {
    }

    static String encode(String key) {
        if (key.isEmpty()) {
            return EMPTY_KEY;
        }
        int first = firstSpecial(key);
        if (first < 0) {
            return key;
        }
        StringBuilder encoded = new StringBuilder(key.length() + 8).append(key, 0, first);
        for (int i = first; i < key.length(); i++) {
            char c = key.charAt(i);
            switch (c) {
                case '%' -> encoded.append("%25");
                case '.' -> encoded.append("%2E");
                case '$' -> encoded.append("%24");
                case '\0' -> encoded.append("%00");
                default -> encoded.append(c);
            }
        }
        return encoded.toString();
    }

    /**
     * The key {@link #encode} was given. Lenient with names it did not write: a '%' that does not
     * start one of the four escapes stays as it is.
     */
    static String decode(String stored) {
        if (stored.equals(EMPTY_KEY)) {
            return "";
        }
        int first = stored.indexOf('%');
        if (first < 0) {
            return stored;
        }
        StringBuilder decoded = new StringBuilder(stored.length()).append(stored, 0, first);
        for (int i = first; i < stored.length(); i++) {
            char c = stored.charAt(i);
            int escaped = c == '%' && i + 2 < stored.length() ? escaped(stored.charAt(i + 1), stored.charAt(i + 2)) : -1;
            if (escaped >= 0) {
                decoded.append((char) escaped);
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    /** The dotted MongoDB path for a domain path: each segment encoded like a key. */
    static String encodePath(FieldPath path) {
        StringBuilder dotted = new StringBuilder();
        for (String segment : path.segments()) {
            if (dotted.length() > 0) {
                dotted.append('.');
            }
            dotted.append(encode(segment));
        }
        return dotted.toString();
    }

    /** The character an escape stands for, or -1 when {@code %} + high + low is not one of ours. */
    private static int escaped(char high, char low) {
        if (high == '2' && low == '5') {
            return '%';
        }
        if (high == '2' && low == 'E') {
            return '.';
        }
        if (high == '2' && low == '4') {
            return '$';
        }
        if (high == '0' && low == '0') {
            return '\0';
        }
        return -1;
    }

    private static int firstSpecial(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '%' || c == '.' || c == '$' || c == '\0') {
                return i;
            }
        }
        return -1;
    }
}
