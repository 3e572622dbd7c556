package com.bkbcs.storage.adapters.zookeeper;

import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A ZooKeeper {@code digest} identity: the {@code user:password} a client adds to its session
 * ({@code addauth digest user:password}), and the ACL that gives this identity, and nobody else,
 * every permission on a znode. The password never appears in {@link #toString()}.
 */
public final class DigestCredentials {
    private static final String SCHEME = "digest";
    private static final int PASSWORD_BYTES = 32;

    private final String user;
    private final String password;
    private final List<ACL> acl;

    private DigestCredentials(String user, String password) {
        if (user.isEmpty() || user.contains(":") || password.isEmpty()) {
            throw new IllegalArgumentException("digest credentials are user:password, a user without ':' and a password");
        }
        this.user = user;
        this.password = password;
        try {
            // not List.of: ZooKeeper checks ACL lists with contains(null), which List.of refuses
            this.acl = Collections.singletonList(new ACL(ZooDefs.Perms.ALL,
                    new Id(SCHEME, DigestAuthenticationProvider.generateDigest(user + ":" + password))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /** {@code user} with 32 random bytes (base64url) as the password. */
    public static DigestCredentials random(String user) {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new DigestCredentials(Objects.requireNonNull(user, "user"),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Reads {@code user:password}, as {@link #text()} writes it. */
    public static DigestCredentials parse(String text) {
        String trimmed = Objects.requireNonNull(text, "text").strip();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("digest credentials are user:password");
        }
        return new DigestCredentials(trimmed.substring(0, colon), trimmed.substring(colon + 1));
    }

    /** {@code user:password}: what {@code addauth digest} takes. Secret: never log it. */
    public String text() {
        return user + ":" + password;
    }

    /** {@code digest}. */
    public String scheme() {
        return SCHEME;
    }

    /** The authentication data of the {@code digest} scheme: {@link #text()} in UTF-8. */
    public byte[] authData() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** Every permission for this identity only. */
    public List<ACL> acl() {
        return acl;
    }

    @Override
    public String toString() {
        return "DigestCredentials[user=" + user + ", password redacted]";
    }
}
