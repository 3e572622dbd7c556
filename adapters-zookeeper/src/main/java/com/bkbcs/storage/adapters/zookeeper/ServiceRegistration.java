package com.bkbcs.storage.adapters.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * This instance's entry among the service's endpoints, as the original registered it: an ephemeral
 * sequential znode {@code <parent>/<ip><sequence>} holding the {@link EndpointInfo} JSON. Curator's
 * {@link PersistentNode} keeps it there: it is created in the background (ZooKeeper may be away at
 * start), created again under the same name when a session loss removed it, and deleted by
 * {@link #close()}. A process that dies without closing leaves it to ZooKeeper, which removes it
 * when the session times out.
 */
public final class ServiceRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRegistration.class);

    private final PersistentNode node;
    private final String parent;

    private ServiceRegistration(PersistentNode node, String parent) {
        this.node = node;
        this.parent = parent;
    }

    static ServiceRegistration start(CuratorFramework client, String parent, EndpointInfo endpoint) {
        ZooKeeperCoordination.requireValidPath(parent);
        String prefix = parent + "/" + endpoint.ip();
        // checked here: created in the background, a bad name would only fail, again and again, in the log
        ZooKeeperCoordination.requireValidPath(prefix);
        PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL_SEQUENTIAL, false, prefix,
                endpoint.toJson());
        node.getListenable().addListener(path -> LOG.info("registered as {} at {}", endpoint.address(), path));
        node.start();
        return new ServiceRegistration(node, parent);
    }

    /** The znode this instance is registered as, once it has been created. */
    public Optional<String> path() {
        return Optional.ofNullable(node.getActualPath());
    }

    /** Deletes the znode (in the background when ZooKeeper is away: then its session timeout removes it). */
    @Override
    public void close() {
        try {
            node.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove the registration under {}: {}; ZooKeeper removes it when the session ends",
                    parent, e.getMessage());
        }
    }
}
