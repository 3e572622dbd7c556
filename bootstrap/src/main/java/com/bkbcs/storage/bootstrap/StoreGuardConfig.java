package com.bkbcs.storage.bootstrap;

import java.time.Duration;
import java.util.Objects;

/**
 * How the service keeps a store's outage from spreading ({@link StoreGuard}): the longest a MongoDB
 * call may take ({@code --mongo-operation-timeout}; ZooKeeper's is {@code --zk-operation-timeout}),
 * how many calls may wait on each store at once ({@code --mongo-max-concurrent-calls},
 * {@code --zk-max-concurrent-calls}), and how often and how patiently the background probe checks a
 * store.
 *
 * <p>The concurrency defaults, 100 for MongoDB and 50 for ZooKeeper, stay well below the 250 threads
 * of the HTTP server's pool (Javalin's default Jetty pool, 8 to 250 threads): even with both stores
 * frozen and both limits reached, 100 threads are left for {@code /healthz}, {@code /readyz},
 * {@code /metrics} and everything else.
 */
public record StoreGuardConfig(Duration mongoOperationTimeout, int mongoMaxConcurrentCalls, int zkMaxConcurrentCalls,
                               Duration probeInterval, Duration checkTimeout) {
    public static final Duration DEFAULT_MONGO_OPERATION_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MONGO_MAX_CONCURRENT_CALLS = 100;
    public static final int DEFAULT_ZK_MAX_CONCURRENT_CALLS = 50;
    /** How long the probe waits between checks of a store. */
    public static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    /** How long one check (a ping) may take before the store counts as not answering. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);
    static final int LARGEST_MAX_CONCURRENT_CALLS = 10_000;

    public StoreGuardConfig {
        requirePositive("--mongo-operation-timeout", mongoOperationTimeout);
        requireWithinLimit("--mongo-max-concurrent-calls", mongoMaxConcurrentCalls);
        requireWithinLimit("--zk-max-concurrent-calls", zkMaxConcurrentCalls);
        requirePositive("the probe interval", probeInterval);
        requirePositive("the check timeout", checkTimeout);
    }

    /** Operation timeout 5 s, at most 100 calls on MongoDB and 50 on ZooKeeper, a check every 250 ms. */
    public static StoreGuardConfig defaults() {
        return new StoreGuardConfig(DEFAULT_MONGO_OPERATION_TIMEOUT, DEFAULT_MONGO_MAX_CONCURRENT_CALLS,
                DEFAULT_ZK_MAX_CONCURRENT_CALLS, PROBE_INTERVAL, CHECK_TIMEOUT);
    }

    public StoreGuardConfig withMongoOperationTimeout(Duration timeout) {
        return new StoreGuardConfig(timeout, mongoMaxConcurrentCalls, zkMaxConcurrentCalls, probeInterval, checkTimeout);
    }

    public StoreGuardConfig withMaxConcurrentCalls(int mongo, int zookeeper) {
        return new StoreGuardConfig(mongoOperationTimeout, mongo, zookeeper, probeInterval, checkTimeout);
    }

    public StoreGuardConfig withProbe(Duration interval, Duration timeout) {
        return new StoreGuardConfig(mongoOperationTimeout, mongoMaxConcurrentCalls, zkMaxConcurrentCalls, interval, timeout);
    }

    /** A MongoDB check never waits longer than a MongoDB call may. */
    Duration mongoCheckTimeout() {
        return checkTimeout.compareTo(mongoOperationTimeout) < 0 ? checkTimeout : mongoOperationTimeout;
    }

    private static void requirePositive(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be within 1.." + Integer.MAX_VALUE + " ms");
        }
    }

    private static void requireWithinLimit(String option, int calls) {
        if (calls < 1 || calls > LARGEST_MAX_CONCURRENT_CALLS) {
            throw new IllegalArgumentException(option + " must be within 1.." + LARGEST_MAX_CONCURRENT_CALLS);
        }
    }
}
