package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code serve} needs, parsed and checked. {@code store} picks the stores: {@link StoreKind#MEMORY}
 * (nothing on disk, for tests) or {@link StoreKind#EMBEDDED} (the default: MongoDB and ZooKeeper,
 * each embedded under the data directory unless {@code mongoUri} / {@code zkConnect} name an
 * external one). {@code embeddedMongoPort} is the loopback port of the embedded MongoDB-wire store,
 * 0 for a free one.
 */
public record ServerConfig(int port, Path dataDir, Optional<String> mongoUri, String mongoDatabase,
                           Optional<String> zkConnect, String zkRoot, long maxBodyBytes,
                           Duration zkSessionTimeout, Duration zkConnectionTimeout, Duration zkOperationTimeout,
                           StoreKind store, int embeddedMongoPort) {
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

    /** What {@code --store} picks. */
    public enum StoreKind {
        MEMORY, EMBEDDED
    }

    /** The embedded store on a free port. */
    public ServerConfig(int port, Path dataDir, Optional<String> mongoUri, String mongoDatabase,
                        Optional<String> zkConnect, String zkRoot, long maxBodyBytes,
                        Duration zkSessionTimeout, Duration zkConnectionTimeout, Duration zkOperationTimeout,
                        StoreKind store) {
        this(port, dataDir, mongoUri, mongoDatabase, zkConnect, zkRoot, maxBodyBytes, zkSessionTimeout,
                zkConnectionTimeout, zkOperationTimeout, store, 0);
    }

    /** The embedded (or, where named, external) stores. */
    public ServerConfig(int port, Path dataDir, Optional<String> mongoUri, String mongoDatabase,
                        Optional<String> zkConnect, String zkRoot, long maxBodyBytes,
                        Duration zkSessionTimeout, Duration zkConnectionTimeout, Duration zkOperationTimeout) {
        this(port, dataDir, mongoUri, mongoDatabase, zkConnect, zkRoot, maxBodyBytes, zkSessionTimeout,
                zkConnectionTimeout, zkOperationTimeout, StoreKind.EMBEDDED);
    }

    /** With ZooKeeper's default timeouts (session 30 s, connection 5 s, operation 5 s). */
    public ServerConfig(int port, Path dataDir, Optional<String> mongoUri, String mongoDatabase,
                        Optional<String> zkConnect, String zkRoot, long maxBodyBytes) {
        this(port, dataDir, mongoUri, mongoDatabase, zkConnect, zkRoot, maxBodyBytes, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be within 0..65535");
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(mongoUri, "mongoUri");
        if (mongoDatabase == null || mongoDatabase.isBlank()) {
            throw new IllegalArgumentException("--mongo-database must not be empty");
        }
        Objects.requireNonNull(zkConnect, "zkConnect");
        Objects.requireNonNull(zkRoot, "zkRoot");
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--max-body-size must be within 1.." + Integer.MAX_VALUE);
        }
        requirePositive("--zk-session-timeout", zkSessionTimeout);
        requirePositive("--zk-connection-timeout", zkConnectionTimeout);
        requirePositive("--zk-operation-timeout", zkOperationTimeout);
        Objects.requireNonNull(store, "store");
        if (store == StoreKind.MEMORY && (mongoUri.isPresent() || zkConnect.isPresent())) {
            throw new IllegalArgumentException("--store memory keeps everything in memory; it cannot be combined with "
                    + (mongoUri.isPresent() ? "--mongo-uri" : "--zk-connect"));
        }
        if (embeddedMongoPort < 0 || embeddedMongoPort > 65535) {
            throw new IllegalArgumentException("--embedded-mongo-port must be within 0..65535");
        }
        if (embeddedMongoPort != 0 && (store == StoreKind.MEMORY || mongoUri.isPresent())) {
            throw new IllegalArgumentException("--embedded-mongo-port is the port of the embedded MongoDB-wire store, "
                    + "which " + (store == StoreKind.MEMORY ? "--store memory" : "--mongo-uri") + " does not start");
        }
    }

    /** The same, with the embedded MongoDB-wire store on {@code port} (0: a free one). */
    public ServerConfig withEmbeddedMongoPort(int port) {
        return new ServerConfig(this.port, dataDir, mongoUri, mongoDatabase, zkConnect, zkRoot, maxBodyBytes,
                zkSessionTimeout, zkConnectionTimeout, zkOperationTimeout, store, port);
    }

    private static void requirePositive(String option, Duration timeout) {
        Objects.requireNonNull(timeout, option);
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be within 1.." + Integer.MAX_VALUE + " ms");
        }
    }

    /** In-memory stores on a free port, for tests: nothing is written anywhere. */
    public static ServerConfig memory() {
        return new ServerConfig(0, Path.of("unused"), Optional.empty(), "bcs_storage", Optional.empty(), "etc/cluster",
                DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5),
                StoreKind.MEMORY);
    }

    /** Embedded defaults on a free port, for tests. */
    public static ServerConfig embedded(Path dataDir) {
        return new ServerConfig(0, dataDir, Optional.empty(), "bcs_storage", Optional.empty(), "etc/cluster",
                DEFAULT_MAX_BODY_BYTES);
    }
}
