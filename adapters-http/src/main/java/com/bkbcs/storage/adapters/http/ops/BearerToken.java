package com.bkbcs.storage.adapters.http.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The shared secret callers present as {@code Authorization: Bearer <token>}. Presented tokens are
 * compared in constant time: both sides are hashed with SHA-256 first, so neither the content nor
 * the length of the token leaks through timing. The value never appears in {@link #toString()}.
 */
public final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private final byte[] digest;

    private BearerToken(String token) {
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a bearer token is one or more visible ASCII characters, without spaces");
        }
        this.digest = sha256(token);
    }

    public static BearerToken of(String token) {
        return new BearerToken(Objects.requireNonNull(token, "token"));
    }

    /** The token in {@code file}: its content with surrounding white space (a trailing newline) removed. */
    public static BearerToken readFrom(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the auth token file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the auth token file " + file + " holds no usable token: " + e.getMessage(), e);
        }
    }

    /** Whether an {@code Authorization} header value ({@code null} when absent) carries this token. */
    public boolean acceptsHeader(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
