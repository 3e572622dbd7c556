package com.bkbcs.storage.adapters.zookeeper;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach ZooKeeper and how long anything may take.
 *
 * @param connectString     {@code host:port[,host:port...]}, optionally with a chroot suffix
 * @param sessionTimeout    the session timeout asked of the server (which clamps it to 2..20 ticks)
 * @param connectionTimeout how long Curator waits for a connection inside one attempt
 * @param operationTimeout  the time one store operation may take, waiting for a connection included;
 *                          also the ZooKeeper client's request timeout
 */
public record ZooKeeperSettings(String connectString, Duration sessionTimeout, Duration connectionTimeout,
                                Duration operationTimeout) {
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
    }

    /** The defaults: session 30 s, connection 5 s, operation 5 s. */
    public static ZooKeeperSettings of(String connectString) {
        return new ZooKeeperSettings(connectString, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_OPERATION_TIMEOUT);
    }

    public ZooKeeperSettings withSessionTimeout(Duration timeout) {
        return new ZooKeeperSettings(connectString, timeout, connectionTimeout, operationTimeout);
    }

    public ZooKeeperSettings withConnectionTimeout(Duration timeout) {
        return new ZooKeeperSettings(connectString, sessionTimeout, timeout, operationTimeout);
    }

    public ZooKeeperSettings withOperationTimeout(Duration timeout) {
        return new ZooKeeperSettings(connectString, sessionTimeout, connectionTimeout, timeout);
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the ZooKeeper " + what + " must be between 1 ms and "
                    + Integer.MAX_VALUE + " ms");
        }
    }
}
