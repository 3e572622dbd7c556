package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.application.testsupport.FreezableProxy;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * ZooKeeper going away and coming back: calls fail fast with UNAVAILABLE while it is away, and the
 * same store object works again afterwards, without anything being rebuilt.
 */
class ZooKeeperOutageTest {
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(1);
    /** Generous: two cores shared with other builds. */
    private static final long BOUND_MS = OPERATION_TIMEOUT.toMillis() + 2_000;

    @TempDir
    Path directory;
    private EmbeddedZooKeeper server;
    private final WatchKey key = new WatchKey(Env.K8S, "BCS-K8S-1", "ns", "Pod", "web");
    private final WatchData data = new WatchData(Map.of("status", "Running"));

    @BeforeEach
    void startServer() {
        server = EmbeddedZooKeeper.start(directory);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private ZooKeeperSettings settings(String connectString, Duration sessionTimeout) {
        return ZooKeeperSettings.of(connectString).withOperationTimeout(OPERATION_TIMEOUT)
                .withConnectionTimeout(Duration.ofSeconds(1)).withSessionTimeout(sessionTimeout);
    }

    @Test
    void whileZooKeeperIsDownCallsFailFastAndTheSameStoreWorksAgainOnceItIsBack() throws Exception {
        int port = server.port();
        try (ZooKeeperConnection connection = ZooKeeperConnection.open(settings(server.connectionString(), Duration.ofSeconds(30)))) {
            WatchStore store = connection.watchStore("etc/cluster");
            store.put(key, data);
            long session = sessionId(connection);

            server.close();
            server = null;

            assertUnavailableWithin(BOUND_MS, store, s -> s.put(key, new WatchData("lost")));
            for (Consumer<WatchStore> call : List.<Consumer<WatchStore>>of(s -> s.get(key), s -> s.list(key.scope()),
                    s -> s.delete(key), s -> s.put(key, new WatchData("lost")))) {
                // the outage is older than the operation timeout now: no more waiting
                assertUnavailableWithin(500, store, call);
            }
            assertThat(connection.isConnected()).isFalse();
            awaitState(connection, "SUSPENDED", "LOST");

            server = EmbeddedZooKeeper.start(directory, port);
            awaitWorking(store);

            assertThat(connection.isConnected()).isTrue();
            awaitState(connection, "RECONNECTED");
            assertThat(store.get(key)).contains(data);
            store.put(key, new WatchData("after"));
            assertThat(store.list(key.scope())).containsExactly(new WatchData("after"));
            assertThat(sessionId(connection)).as("a short outage keeps the session").isEqualTo(session);
        }
    }

    @Test
    void anOutageLongerThanTheSessionTimeoutEndsInANewSessionAndTheStoreWorksAgain() throws Exception {
        int port = server.port();
        Duration sessionTimeout = Duration.ofSeconds(4); // the least the server allows: two ticks of 2 s
        try (ZooKeeperConnection connection = ZooKeeperConnection.open(settings(server.connectionString(), sessionTimeout))) {
            WatchStore store = connection.watchStore("etc/cluster");
            store.put(key, data);
            long session = sessionId(connection);

            server.close();
            server = null;
            Thread.sleep(sessionTimeout.toMillis() + 2_000);
            assertUnavailableWithin(500, store, s -> s.get(key));

            server = EmbeddedZooKeeper.start(directory, port);
            awaitWorking(store);

            assertThat(sessionId(connection)).isNotEqualTo(session);
            assertThat(store.get(key)).contains(data);
            store.put(key, new WatchData("after"));
            assertThat(store.get(key)).contains(new WatchData("after"));
        }
    }

    @Test
    void aSessionTheServerExpiresIsReplacedAndTheStoreWorksAgain() throws Exception {
        try (ZooKeeperConnection connection = ZooKeeperConnection.open(settings(server.connectionString(), Duration.ofSeconds(30)))) {
            WatchStore store = connection.watchStore("etc/cluster");
            store.put(key, data);
            ZooKeeper current = connection.client().getZookeeperClient().getZooKeeper();
            long session = current.getSessionId();

            expireOnTheServer(session, current.getSessionPasswd());

            awaitWorking(store);
            assertThat(sessionId(connection)).isNotEqualTo(session);
            store.put(key, new WatchData("after"));
            assertThat(store.get(key)).contains(new WatchData("after"));
        }
    }

    @Test
    void aServerThatStopsAnsweringFailsCallsWithinTheOperationTimeout() throws Exception {
        try (FreezableProxy proxy = new FreezableProxy(server.port());
             ZooKeeperConnection connection = ZooKeeperConnection.open(settings(proxy.connectString(), Duration.ofSeconds(30)))) {
            WatchStore store = connection.watchStore("etc/cluster");
            store.put(key, data);

            proxy.freeze();
            // connected, but no answer comes: only the request timeout ends the wait (not 2/3 of the session timeout)
            assertThatThrownBy(() -> store.get(key)).hasMessageContainingAll("ZooKeeper is unavailable", "timed out");
            assertUnavailableWithin(2 * OPERATION_TIMEOUT.toMillis() + 2_000, store, s -> s.get(key));
            assertUnavailableWithin(2 * OPERATION_TIMEOUT.toMillis() + 2_000, store, s -> s.put(key, new WatchData("x")));

            proxy.thaw();
            awaitWorking(store);
            assertThat(store.list(key.scope())).hasSize(1);
        }
    }

    @Test
    void aPingAnswersWhileTheServerDoesAndFailsWithinItsOwnTimeoutWhenItIsFrozenOrGone() throws Exception {
        try (FreezableProxy proxy = new FreezableProxy(server.port());
             ZooKeeperConnection connection = ZooKeeperConnection.open(settings(proxy.connectString(), Duration.ofSeconds(30)))) {
            assertThat(connection.awaitConnected(Duration.ofSeconds(10))).isTrue();
            connection.ping(Duration.ofSeconds(2));

            proxy.freeze();
            long started = System.nanoTime();
            assertThatThrownBy(() -> connection.ping(Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                    .hasMessageContaining("did not answer a ping within 300 ms");
            // still connected as far as the client knows: only the ping tells
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_500);
            assertThat(connection.isConnected()).isTrue();

            proxy.thaw();
            connection.ping(Duration.ofSeconds(5));
            server.close();
            server = null;
            awaitState(connection, "SUSPENDED", "LOST");
            started = System.nanoTime();
            assertThatThrownBy(() -> connection.ping(Duration.ofSeconds(2))).isInstanceOf(StorageException.class)
                    .hasMessageContaining("not connected");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(100);
        }
    }

    @Test
    void withNoServerOpeningDoesNotBlockAndCallsFailWithinTheOperationTimeout() throws Exception {
        int nothing;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothing = socket.getLocalPort();
        }
        long started = System.nanoTime();
        try (ZooKeeperConnection connection = ZooKeeperConnection.open(settings("127.0.0.1:" + nothing, Duration.ofSeconds(30)))) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000);
            WatchStore store = connection.watchStore("etc/cluster");

            assertUnavailableWithin(BOUND_MS, store, s -> s.get(key));
            assertThat(connection.isConnected()).isFalse();
            assertThat(connection.awaitConnected(Duration.ofMillis(100))).isFalse();
        }
    }

    @Test
    void callsAfterCloseFailAsUnavailable() {
        ZooKeeperConnection connection = ZooKeeperConnection.open(settings(server.connectionString(), Duration.ofSeconds(30)));
        WatchStore store = connection.watchStore("etc/cluster");
        store.put(key, data);
        connection.close();

        assertUnavailableWithin(BOUND_MS, store, s -> s.get(key));
    }

    private static void assertUnavailableWithin(long millis, WatchStore store, Consumer<WatchStore> call) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> call.accept(store))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessageStartingWith("ZooKeeper is unavailable");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(millis);
    }

    private static void awaitWorking(WatchStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        WatchKey probe = new WatchKey(Env.K8S, "probe", "ns", "Probe", "p");
        while (true) {
            try {
                store.get(probe);
                return;
            } catch (StorageException e) {
                if (e.kind() != ErrorKind.UNAVAILABLE || System.nanoTime() > deadline) {
                    fail("the store did not recover", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static long sessionId(ZooKeeperConnection connection) throws Exception {
        return connection.client().getZookeeperClient().getZooKeeper().getSessionId();
    }

    /** Closes the session from a second client that attaches to it: the server expires it for the first. */
    private void expireOnTheServer(long session, byte[] password) throws Exception {
        PlainZooKeeper.expireOnTheServer(server.connectionString(), session, password);
    }

    /** Curator reports states on its own thread: give the listener a moment. */
    private static void awaitState(ZooKeeperConnection connection, String... expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!List.of(expected).contains(connection.state()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(connection.state()).isIn((Object[]) expected);
    }
}
