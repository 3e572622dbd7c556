package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.ops.ReadinessCheck;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperCoordination;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Optional;

/**
 * The stores the service runs on, opened and ready: every outbound port (measured, and guarded
 * where its store can fail), one readiness check per store, a line saying what they are, and,
 * for the memory stores only, a way to empty them all. Closing closes everything opening started,
 * in reverse order. {@link #open} picks the implementation from the configuration:
 * <ul>
 *   <li>{@link MemoryBackends}: every port in memory; nothing is written anywhere;</li>
 *   <li>{@link ServerBackends}: MongoDB and ZooKeeper, each embedded under the data directory
 *       (the default) or external ({@code --mongo-uri}, {@code --zk-connect}).</li>
 * </ul>
 */
interface Backends extends AutoCloseable {

    Stores stores();

    /** One check per store; {@code /readyz} reports them. */
    List<ReadinessCheck> readiness();

    /** Which stores, and where: for the start log line. */
    String description();

    /**
     * The connection string of the embedded MongoDB-wire server, when the service runs one (it may
     * carry credentials: never log it); for the bench, which measures the raw driver against it.
     */
    default Optional<String> embeddedMongoUri() {
        return Optional.empty();
    }

    /**
     * The client instances coordinate through (registration, leader election), on the same
     * ZooKeeper as the watch data; empty on the memory stores, where an instance is alone.
     */
    default Optional<ZooKeeperCoordination> coordination() {
        return Optional.empty();
    }

    /** Empties every store; only the memory stores can. */
    Optional<Runnable> reset();

    @Override
    void close();

    /** Opens the stores {@code config} names; with {@code ownerOnly}, embedded stores admit this process only. */
    static Backends open(ServerConfig config, StoreGuardConfig guards, boolean ownerOnly, StoreMetrics metered,
                         MeterRegistry registry) {
        return switch (config.store()) {
            case MEMORY -> new MemoryBackends(metered);
            case EMBEDDED -> ServerBackends.open(config, guards, ownerOnly, metered, registry);
        };
    }
}
