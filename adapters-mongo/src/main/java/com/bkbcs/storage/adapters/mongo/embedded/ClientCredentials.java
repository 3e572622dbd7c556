package com.bkbcs.storage.adapters.mongo.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The user name and password a client of the embedded store presents with SASL {@code PLAIN}. The
 * password is 32 random bytes made up for one start of the store; it lives in this process (and in
 * the connection-string file only the owner can read) and never in a log: {@link #toString()}
 * leaves it out.
 */
final class ClientCredentials {
    static final String USER = "bcs-storage";
    private static final int PASSWORD_BYTES = 32;

    private final String password;
    private final byte[] passwordDigest;

    private ClientCredentials(String password) {
        this.password = password;
        this.passwordDigest = sha256(password.getBytes(StandardCharsets.UTF_8));
    }

    static ClientCredentials random() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        // base64url: only characters that need no escaping in a connection string
        return new ClientCredentials(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A connection string to {@code address} ({@code host:port}) that authenticates with these
     * credentials (SASL PLAIN, source {@code $external}).
     */
    String connectionString(String address) {
        return "mongodb://" + USER + ":" + password + "@" + address + "/?authMechanism=PLAIN&authSource=%24external";
    }

    /**
     * Whether a SASL PLAIN message ({@code [authzid] NUL authcid NUL password}, UTF-8) names this
     * user and carries this password. The password is compared in constant time (digests of both).
     */
    boolean acceptPlain(byte[] message) {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (second < 0) {
            return false;
        }
        String authorizationId = new String(message, 0, first, StandardCharsets.UTF_8);
        String user = new String(message, first + 1, second - first - 1, StandardCharsets.UTF_8);
        byte[] presented = sha256(Arrays.copyOfRange(message, second + 1, message.length));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest, presented);
        return passwordMatches && USER.equals(user) && (authorizationId.isEmpty() || USER.equals(authorizationId));
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ClientCredentials[user=" + USER + ", password redacted]";
    }
}
