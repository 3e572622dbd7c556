package com.bkbcs.storage.adapters.mongo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Collection names built from a prefix and a name chosen by callers (a resource type, a cluster id):
 * {@code <prefix><name>} when the name is made of {@code [A-Za-z0-9_-]} (at most 60 characters), else
 * {@code <prefix>x_<sha-256 of the name>}. Case-sensitive like the names; the two forms never collide,
 * as a plain name after {@code x_} is at most 58 characters and a hash is 64.
 */
final class CollectionNames {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]{1,60}");

    private CollectionNames() {
    }

    static String of(String prefix, String name) {
        if (PLAIN.matcher(name).matches()) {
            return prefix + name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return prefix + "x_" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
