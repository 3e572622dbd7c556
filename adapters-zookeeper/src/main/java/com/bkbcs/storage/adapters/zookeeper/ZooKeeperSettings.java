package com.bkbcs.storage.adapters.zookeeper;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach ZooKeeper and how long anything may take.
 *
 * @param connectString     {@code host:port[,host:port...]}, optionally with a chroot suffix
 * @param sessionTimeout    the session timeout asked of the server (which clamps it to 2..20 ticks)
 * @param connectionTimeout how long Curator waits for a connection inside one attempt
 * @param operationTimeout  the time one store operation may take, waiting for a connection included;
 *                          also the ZooKeeper client's request timeout
 * @param credentials       when present, the client authenticates with them and creates every znode
 *                          with an ACL that gives them, and nobody else, every permission; when empty,
 *                          it creates znodes open to everyone (ZooKeeper's {@code world:anyone})
 */
public record ZooKeeperSettings(String connectString, Duration sessionTimeout, Duration connectionTimeout,
                                Duration operationTimeout, Optional<DigestCredentials> credentials) {
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(5);

    public ZooKeeperSettings {
        if (connectString == null || connectString.isBlank()) {
            throw new IllegalArgumentException("the ZooKeeper connection string must not be empty");
        }
        connectString = connectString.trim();
        requirePositive("session timeout", sessionTimeout);
        requirePositive("connection timeout", connectionTimeout);
        requirePositive("operation timeout", operationTimeout);
        Objects.requireNonNull(credentials, "credentials");
    }

    /** Without credentials: znodes open to everyone. */
    public ZooKeeperSettings(String connectString, Duration sessionTimeout, Duration connectionTimeout,
                             Duration operationTimeout) {
        this(connectString, sessionTimeout, connectionTimeout, operationTimeout, Optional.empty());
    }

    /** The defaults: session 30 s, connection 5 s, operation 5 s. */
    public static ZooKeeperSettings of(String connectString) {
        return new ZooKeeperSettings(connectString, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_OPERATION_TIMEOUT);
    }

    public ZooKeeperSettings withSessionTimeout(Duration timeout) {
        return new ZooKeeperSettings(connectString, timeout, connectionTimeout, operationTimeout, credentials);
    }

    public ZooKeeperSettings withConnectionTimeout(Duration timeout) {
        return new ZooKeeperSettings(connectString, sessionTimeout, timeout, operationTimeout, credentials);
    }

    public ZooKeeperSettings withOperationTimeout(Duration timeout) {
        return new ZooKeeperSettings(connectString, sessionTimeout, connectionTimeout, timeout, credentials);
    }

    /** These settings with {@code credentials} (or none). */
    public ZooKeeperSettings withCredentials(Optional<DigestCredentials> credentials) {
        return new ZooKeeperSettings(connectString, sessionTimeout, connectionTimeout, operationTimeout, credentials);
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the ZooKeeper " + what + " must be between 1 ms and "
                    + Integer.MAX_VALUE + " ms");
        }
    }
}
