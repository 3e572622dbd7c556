package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Everything {@code serve} needs, parsed and checked. */
public record ServerConfig(int port, Path dataDir, Optional<String> mongoUri, String mongoDatabase,
                           Optional<String> zkConnect, String zkRoot, long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

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
    }

    /** Embedded defaults on a free port, for tests. */
    public static ServerConfig embedded(Path dataDir) {
        return new ServerConfig(0, dataDir, Optional.empty(), "bcs_storage", Optional.empty(), "etc/cluster",
                DEFAULT_MAX_BODY_BYTES);
    }
}
