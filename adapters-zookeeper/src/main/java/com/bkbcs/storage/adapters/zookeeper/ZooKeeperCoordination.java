package com.bkbcs.storage.adapters.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.common.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * What several instances of the service coordinate through ZooKeeper: each one's
 * {@linkplain #register registration} among the service's endpoints, and the
 * {@linkplain #elect election} of the one that runs the once-per-deployment jobs. It has a Curator
 * client of its own, apart from the watch data's: its session is the instance's life in ZooKeeper
 * (when it ends, the registration goes and the leadership moves), and Curator's recipes retry their
 * own operations, which the watch data's client must not do (its calls answer within the
 * operation timeout). Close the registration and the leadership before this.
 */
public final class ZooKeeperCoordination implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperCoordination.class);

    private final CuratorFramework client;

    private ZooKeeperCoordination(CuratorFramework client) {
        this.client = client;
    }

    /** Builds and starts the client; it connects in the background, so this never waits on ZooKeeper. */
    public static ZooKeeperCoordination open(ZooKeeperSettings settings) {
        int retrySleepMs = (int) Math.max(1, Math.min(1_000, settings.operationTimeout().toMillis() / 4));
        CuratorFramework client = ZooKeeperConnection.newClient(settings, new ExponentialBackoffRetry(retrySleepMs, 3));
        client.getConnectionStateListenable().addListener((c, state) ->
                LOG.debug("ZooKeeper {} (coordination): {}", settings.connectString(), state));
        client.start();
        return new ZooKeeperCoordination(client);
    }

    /**
     * Registers {@code endpoint} under {@code parent} (for example {@code /bcs/services/endpoints/storage})
     * until the registration is closed.
     *
     * @throws IllegalArgumentException when {@code parent} is not a valid znode path
     */
    public ServiceRegistration register(String parent, EndpointInfo endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return ServiceRegistration.start(client, parent, endpoint);
    }

    /**
     * Joins the election under {@code latchPath} as {@code self} (how others name this instance)
     * until the leadership is closed.
     *
     * @throws IllegalArgumentException when {@code latchPath} is not a valid znode path
     */
    public ZooKeeperLeadership elect(String latchPath, String self) {
        Objects.requireNonNull(self, "self");
        return ZooKeeperLeadership.start(client, latchPath, self);
    }

    /**
     * Checks an absolute znode path ({@code /a/b}, no trailing slash).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void requireValidPath(String path) {
        Objects.requireNonNull(path, "path");
        try {
            PathUtils.validatePath(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid znode path '" + path + "': " + e.getMessage(), e);
        }
        if ("/".equals(path)) {
            throw new IllegalArgumentException("not a valid znode path '/': the root cannot hold the service's nodes");
        }
    }

    /** The client, for tests in this package. */
    CuratorFramework client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
