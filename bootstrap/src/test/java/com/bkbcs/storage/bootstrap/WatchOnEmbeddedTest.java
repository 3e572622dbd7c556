package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WatchServeSuite} on the embedded stores, plus what is ZooKeeper's own: the znodes, read
 * with a plain ZooKeeper client as the components consuming them do, kept under the data directory
 * across a restart, and an external ZooKeeper's layout under a given root and its outage. These
 * are embedded-only because the memory stores have no znodes, no files and no outages, and go with
 * the process by design, so a restart on them starts empty.
 */
class WatchOnEmbeddedTest extends WatchServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.embedded(dataDir);
    }

    @Test
    void theEmbeddedZooKeeperKeepsWatchDataUnderTheDataDirAcrossRestarts() throws Exception {
        Path dataDir = dir.resolve("restarts");
        try (RunningApp before = RunningApp.start(ServerConfig.embedded(dataDir))) {
            putWatchData(new Http(before.port()));
        }
        try (RunningApp after = RunningApp.start(ServerConfig.embedded(dataDir))) {
            readWatchDataBack(new Http(after.port()));
        }

        // the znode, read with a plain client from the embedded server's own files
        try (EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(dataDir.resolve("zookeeper"));
             PlainClient plain = new PlainClient(zookeeper.connectionString())) {
            String path = "/etc/cluster/k8s/" + cluster + "/Service/default.web";
            Stat stat = new Stat();
            byte[] bytes = plain.zk.getData(path, false, stat);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"spec\":{\"clusterIP\":\"10.0.0.1\"},\"名字\":\"值\"}");
            assertThat(stat.getEphemeralOwner()).isZero();
        }
    }

    @Test
    void anExternalZooKeeperGetsTheLayoutUnderTheGivenRootAndItsOutageIsA503UntilItIsBack() throws Exception {
        EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(dir.resolve("external-zk"));
        int zkPort = zookeeper.port();
        ServerConfig config = new ServerConfig(0, dir.resolve("external-app"), Optional.empty(), "bcs_storage",
                Optional.of(zookeeper.connectionString()), "/custom/root/", ServerConfig.DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1));
        String resource = "/bcsstorage/v1/mesos/watch/clusters/" + cluster + "/namespaces/ns/application/app.v1";
        try (RunningApp external = RunningApp.start(config)) {
            Http client = new Http(external.port());
            assertThat(client.put(resource, "{\"data\":[1,null,\"x\"]}").status()).isEqualTo(200);
            try (PlainClient plain = new PlainClient(zookeeper.connectionString())) {
                assertThat(new String(plain.zk.getData("/custom/root/mesos/" + cluster + "/application/ns.app.v1", false, null),
                        StandardCharsets.UTF_8)).isEqualTo("[1,null,\"x\"]");
            }

            zookeeper.close();
            long started = System.nanoTime();
            Http.Reply down = client.put(resource, "{\"data\":2}");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body().get("code").asInt()).isEqualTo(10003);
            assertThat(down.body().get("message").asText()).startsWith("Put resource failed: ZooKeeper is unavailable");
            assertThat(client.get("/healthz").status()).isEqualTo(200);

            zookeeper = EmbeddedZooKeeper.start(dir.resolve("external-zk"), zkPort);
            Http.Reply back = awaitNot503(client, resource);
            assertThat(back.status()).isEqualTo(200);
            assertThat(back.body().get("data").toString()).isEqualTo("[1,null,\"x\"]");
        } finally {
            zookeeper.close();
        }
    }

    private static Http.Reply awaitNot503(Http client, String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Http.Reply reply = client.get(path);
            if (reply.status() != 503 || System.nanoTime() > deadline) {
                return reply;
            }
            Thread.sleep(100);
        }
    }

    private static final class PlainClient implements AutoCloseable {
        final ZooKeeper zk;

        PlainClient(String connectString) throws Exception {
            CountDownLatch connected = new CountDownLatch(1);
            zk = new ZooKeeper(connectString, 30_000, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            assertThat(connected.await(20, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            zk.close();
        }
    }
}
