package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.ACL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Curator client for the service. It connects in the background, so opening never fails or
 * blocks when ZooKeeper is down; stores built on it fail fast with UNAVAILABLE until it is back. It
 * keeps reconnecting for as long as it is open: the ZooKeeper client retries the servers forever,
 * and after a session expiry Curator opens a new session, so the service recovers from ZooKeeper
 * restarts and expired sessions by itself. With {@linkplain ZooKeeperSettings#credentials() credentials}
 * every session authenticates with them and every znode it creates is theirs alone.
 */
public final class ZooKeeperConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperConnection.class);

    private final CuratorFramework client;
    private final BoundedCalls calls;
    private final ZooKeeperSettings settings;
    private volatile String lastState = "CONNECTING";

    private ZooKeeperConnection(CuratorFramework client, ZooKeeperSettings settings) {
        this.client = client;
        this.settings = settings;
        this.calls = new BoundedCalls(client, settings.operationTimeout());
    }

    /** Builds and starts the client; it connects in the background. */
    public static ZooKeeperConnection open(ZooKeeperSettings settings) {
        // calls are retried by BoundedCalls within the operation timeout; a Curator policy would block longer
        CuratorFramework client = newClient(settings, new RetryNTimes(0, 0));
        ZooKeeperConnection connection = new ZooKeeperConnection(client, settings);
        client.getConnectionStateListenable().addListener((c, state) -> {
            connection.lastState = state.name();
            log.info("ZooKeeper {}: {}", settings.connectString(), state);
        });
        client.start();
        return connection;
    }

    /**
     * A Curator client (not started) on {@code settings}, with their credentials and ACLs, and
     * {@code retryPolicy} for its own operations.
     */
    static CuratorFramework newClient(ZooKeeperSettings settings, RetryPolicy retryPolicy) {
        Objects.requireNonNull(settings, "settings");
        ZKClientConfig clientConfig = new ZKClientConfig();
        // a request the server does not answer fails after this instead of hanging until the session times out
        clientConfig.setProperty(ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT,
                Long.toString(settings.operationTimeout().toMillis()));
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(settings.connectString())
                .sessionTimeoutMs((int) settings.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) settings.connectionTimeout().toMillis())
                .retryPolicy(retryPolicy)
                .zkClientConfig(clientConfig)
                // the connection string is fixed; do not watch /zookeeper/config (and chroots stay safe)
                .ensembleTracker(false);
        settings.credentials().ifPresent(credentials -> builder
                // sent again on every new session, before its first request
                .authorization(credentials.scheme(), credentials.authData())
                // every create, parents included, gives these credentials, and nobody else, every permission
                .aclProvider(new ACLProvider() {
                    @Override
                    public List<ACL> getDefaultAcl() {
                        return credentials.acl();
                    }

                    @Override
                    public List<ACL> getAclForPath(String path) {
                        return credentials.acl();
                    }
                }));
        return builder.build();
    }

    /**
     * The watch-data store under {@code root} ({@code etc/cluster} style; leading and trailing
     * slashes do not matter).
     *
     * @throws IllegalArgumentException when the root is not a valid znode path
     */
    public WatchStore watchStore(String root) {
        return new CuratorWatchStore(client, calls, root);
    }

    /** Whether the client is connected to a server right now; for health checks. */
    public boolean isConnected() {
        return calls.isConnected();
    }

    /**
     * The connection's state for health reports: Curator's last reported state ({@code CONNECTED},
     * {@code SUSPENDED}, {@code RECONNECTED}, {@code LOST}, {@code READ_ONLY}), or {@code CONNECTING}
     * before the first connection.
     */
    public String state() {
        return lastState;
    }

    /**
     * Asks the server for the root znode's stat within {@code timeout}, for readiness checks and the
     * breaker's probe: a connection that looks fine but gets no answer (a frozen server, a network
     * that drops packets) shows here long before the client notices it. Never waits longer than the
     * timeout (the request runs in the background). Failures are not logged: a probe that runs every
     * few hundred milliseconds while ZooKeeper is away would flood the log.
     *
     * @throws StorageException UNAVAILABLE when not connected, or when no good answer comes in time
     */
    public void ping(Duration timeout) {
        if (!isConnected()) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "ZooKeeper is not connected (" + lastState + ")");
        }
        CompletableFuture<Integer> answered = new CompletableFuture<>();
        try {
            client.checkExists().inBackground((c, event) -> answered.complete(event.getResultCode())).forPath("/");
            int code = answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (code != KeeperException.Code.OK.intValue()) {
                throw new StorageException(ErrorKind.UNAVAILABLE, "ZooKeeper answered a ping with "
                        + KeeperException.Code.get(code));
            }
        } catch (TimeoutException e) {
            throw new StorageException(ErrorKind.UNAVAILABLE,
                    "ZooKeeper did not answer a ping within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorKind.UNAVAILABLE, "interrupted while pinging ZooKeeper", e);
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "ZooKeeper ping failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Waits up to {@code timeout} for a connection; returns whether there is one. */
    public boolean awaitConnected(Duration timeout) {
        try {
            return client.blockUntilConnected((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The Curator client, for tests in this package. */
    CuratorFramework client() {
        return client;
    }

    public ZooKeeperSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        client.close();
    }
}
