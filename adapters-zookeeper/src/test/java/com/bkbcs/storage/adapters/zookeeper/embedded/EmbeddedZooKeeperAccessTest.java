package com.bkbcs.storage.adapters.zookeeper.embedded;

import com.bkbcs.storage.adapters.zookeeper.ZooKeeperConnection;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperSettings;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may use the embedded ZooKeeper's loopback port: with an owner-only server, only the service's
 * credentials reach any znode; a plain client (another local user) reads and writes nothing, also
 * after restarts and over znodes an earlier run wrote open to everyone.
 */
class EmbeddedZooKeeperAccessTest {
    private static final String ROOT = "etc/cluster";
    private static final WatchKey KEY = new WatchKey(Env.K8S, "BCS-K8S-1", "ns", "Pod", "web");
    private static final String NODE = "/etc/cluster/k8s/BCS-K8S-1/Pod/ns.web";
    private static final String MARKER = "only-the-service-may-read-this";

    @TempDir
    Path directory;

    @Test
    void theServiceWorksWhileAPlainClientCanNeitherReadNorWriteAnyZnode() throws Exception {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory, 0, true);
             ZooKeeperConnection service = connect(server);
             Plain intruder = new Plain(server.connectionString());
             Plain guesser = new Plain(server.connectionString(), "bcs-storage:guessed")) {
            WatchStore store = service.watchStore(ROOT);
            store.put(KEY, data(MARKER));

            for (Plain client : List.of(intruder, guesser)) {
                ZooKeeper zk = client.zk;
                assertNoAuth(() -> zk.getData(NODE, false, null));
                assertNoAuth(() -> zk.getChildren("/", false));
                assertNoAuth(() -> zk.getChildren("/etc/cluster/k8s/BCS-K8S-1/Pod", false));
                assertNoAuth(() -> zk.getACL(NODE, new Stat()));
                assertNoAuth(() -> zk.setData(NODE, "{}".getBytes(StandardCharsets.UTF_8), -1));
                assertNoAuth(() -> zk.setACL(NODE, ZooDefs.Ids.OPEN_ACL_UNSAFE, -1));
                assertNoAuth(() -> zk.delete(NODE, -1));
                assertNoAuth(() -> zk.create("/etc/cluster/k8s/BCS-K8S-1/Pod/ns.planted", new byte[0],
                        ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
                assertNoAuth(() -> zk.create("/planted", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            }

            assertThat(store.get(KEY)).contains(data(MARKER));
            assertThat(store.list(new WatchScope(Env.K8S, "BCS-K8S-1", "ns", "Pod"))).containsExactly(data(MARKER));
            store.delete(KEY);
            assertThat(store.get(KEY)).isEmpty();
        }
    }

    @Test
    void znodesAnEarlierRunLeftOpenAreClosedAtTheNextOwnerOnlyStartAndStaySoAcrossRestarts() throws Exception {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory);
             ZooKeeperConnection service = connect(server);
             Plain anyone = new Plain(server.connectionString())) {
            service.watchStore(ROOT).put(KEY, data(MARKER));
            assertThat(anyone.text(NODE)).as("open to everyone without a token").contains(MARKER);
        }

        String credentials;
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory, 0, true);
             ZooKeeperConnection service = connect(server);
             Plain intruder = new Plain(server.connectionString())) {
            credentials = Files.readString(directory.resolve(EmbeddedZooKeeper.CREDENTIALS_FILE));
            assertNoAuth(() -> intruder.zk.getData(NODE, false, null));
            assertNoAuth(() -> intruder.zk.getChildren("/etc", false));
            assertThat(service.watchStore(ROOT).get(KEY)).contains(data(MARKER));
        }

        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory, 0, true);
             ZooKeeperConnection service = connect(server);
             Plain intruder = new Plain(server.connectionString())) {
            assertThat(Files.readString(directory.resolve(EmbeddedZooKeeper.CREDENTIALS_FILE))).isEqualTo(credentials);
            assertThat(service.watchStore(ROOT).get(KEY)).contains(data(MARKER));
            service.watchStore(ROOT).put(KEY, data("second"));
            assertNoAuth(() -> intruder.zk.getData(NODE, false, null));
            assertNoAuth(() -> intruder.zk.getChildren("/", false));
        }
    }

    @Test
    void aStartThatIsNotOwnerOnlyOpensEveryZnodeAgainAndForgetsTheCredentials() throws Exception {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory, 0, true);
             ZooKeeperConnection service = connect(server)) {
            service.watchStore(ROOT).put(KEY, data(MARKER));
        }

        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory);
             ZooKeeperConnection service = connect(server);
             Plain anyone = new Plain(server.connectionString())) {
            assertThat(server.credentials()).isEmpty();
            assertThat(directory.resolve(EmbeddedZooKeeper.CREDENTIALS_FILE)).doesNotExist();
            assertThat(anyone.text(NODE)).contains(MARKER);
            assertThat(anyone.zk.getChildren("/", false)).contains("etc");
            assertThat(anyone.zk.getACL("/", new Stat())).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
            service.watchStore(ROOT).put(new WatchKey(Env.K8S, "BCS-K8S-1", "ns", "Pod", "new"), data("open"));
            assertThat(anyone.text("/etc/cluster/k8s/BCS-K8S-1/Pod/ns.new")).contains("open");
        }
    }

    @Test
    void theDirectoryAndTheCredentialsFileAreTheOwnersAlone() throws Exception {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory, 0, true)) {
            Path file = directory.resolve(EmbeddedZooKeeper.CREDENTIALS_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file).strip()).startsWith("bcs-storage:").hasSizeGreaterThan(50);
            String text = Files.readString(file).strip();
            assertThat(server.credentials()).hasValueSatisfying(credentials -> {
                assertThat(credentials.text()).isEqualTo(text);
                assertThat(credentials.toString()).doesNotContain(credentials.text().substring("bcs-storage:".length()));
            });
            // what an operator does to look at the data: the file's content is what "addauth digest" takes
            try (Plain operator = new Plain(server.connectionString(), Files.readString(file).strip())) {
                assertThat(operator.zk.getChildren("/", false)).contains("zookeeper");
            }
        }
    }

    @Test
    void withoutItsCredentialsFileAnOwnerOnlyStartRefusesToStartRatherThanLoseItsZnodes() throws Exception {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory, 0, true);
             ZooKeeperConnection service = connect(server)) {
            service.watchStore(ROOT).put(KEY, data(MARKER));
        }
        Files.delete(directory.resolve(EmbeddedZooKeeper.CREDENTIALS_FILE));

        assertThatThrownBy(() -> EmbeddedZooKeeper.start(directory, 0, true))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessageContaining("does not let these credentials in");
    }

    /**
     * What ZooKeeper still tells anyone, as docs/operations.md says: whether a guessed path exists
     * (a znode there refuses with NoAuth, a missing one answers "no node"), and the {@code srvr}
     * four-letter word (version, counts). The other four-letter words (connections, sessions,
     * watched paths, environment) stay off.
     */
    @Test
    void whatAPlainClientStillLearnsIsWhetherAGuessedPathExistsAndCounts() throws Exception {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory, 0, true);
             ZooKeeperConnection service = connect(server);
             Plain intruder = new Plain(server.connectionString())) {
            service.watchStore(ROOT).put(KEY, data(MARKER));

            assertNoAuth(() -> intruder.zk.exists(NODE, false));
            assertThat(intruder.zk.exists(NODE + "-missing", false)).isNull();
            assertThatThrownBy(() -> intruder.zk.getData(NODE + "-missing", false, null))
                    .isInstanceOf(KeeperException.NoNodeException.class);

            assertThat(fourLetterWord(server.port(), "srvr")).contains("Zookeeper version").doesNotContain("etc/cluster");
            for (String word : List.of("dump", "cons", "wchp", "wchc", "envi", "conf", "stat", "mntr")) {
                assertThat(fourLetterWord(server.port(), word)).as(word).contains("not in the whitelist")
                        .doesNotContain("etc/cluster").doesNotContain(directory.toString());
            }
        }
    }

    private static ZooKeeperConnection connect(EmbeddedZooKeeper server) {
        ZooKeeperConnection connection = ZooKeeperConnection.open(ZooKeeperSettings.of(server.connectionString())
                .withCredentials(server.credentials()));
        assertThat(connection.awaitConnected(java.time.Duration.ofSeconds(20))).isTrue();
        return connection;
    }

    private static WatchData data(String value) {
        return new WatchData(Map.of("v", value));
    }

    private static void assertNoAuth(Executable call) {
        assertThatThrownBy(call::execute).isInstanceOf(KeeperException.NoAuthException.class);
    }

    private static String fourLetterWord(int port, String word) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A plain ZooKeeper client, as another local user would run it, optionally with digest credentials. */
    private static final class Plain implements AutoCloseable {
        final ZooKeeper zk;

        Plain(String connectString, String... digest) throws Exception {
            CountDownLatch connected = new CountDownLatch(1);
            zk = new ZooKeeper(connectString, 30_000, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            for (String credentials : digest) {
                zk.addAuthInfo("digest", credentials.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(connected.await(20, TimeUnit.SECONDS)).isTrue();
        }

        String text(String path) throws KeeperException, InterruptedException {
            return new String(zk.getData(path, false, null), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws InterruptedException {
            zk.close();
        }
    }
}
