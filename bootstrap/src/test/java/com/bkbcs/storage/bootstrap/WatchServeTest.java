package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watch data end to end: the whole application driven over HTTP, the znodes read with a plain
 * ZooKeeper client as the components consuming them do.
 */
class WatchServeTest {
    @TempDir
    Path dataDir;

    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    @Test
    void theEmbeddedZooKeeperKeepsWatchDataUnderTheDataDirAcrossRestarts() throws Exception {
        String resource = "/k8s/watch/clusters/" + cluster + "/namespaces/default/Service/web";

        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dataDir))) {
            Http http = new Http(app.port());
            Http.Reply put = http.put("/bcsstorage/v1" + resource, "{\"data\":{\"spec\":{\"clusterIP\":\"10.0.0.1\"},\"名字\":\"值\"}}");
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.body().get("result").asBoolean()).isTrue();
        }

        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dataDir))) {
            Http http = new Http(app.port());
            Http.Reply got = http.get("/bcsapi/v4/storage" + resource);
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.body().at("/data/spec/clusterIP").asText()).isEqualTo("10.0.0.1");
            Http.Reply list = http.get("/bcsstorage/v1/k8s/watch/clusters/" + cluster + "/namespaces/default/Service");
            assertThat(list.body().get("data")).hasSize(1);
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
        EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(dataDir.resolve("external-zk"));
        int zkPort = zookeeper.port();
        ServerConfig config = new ServerConfig(0, dataDir.resolve("app"), Optional.empty(), "bcs_storage",
                Optional.of(zookeeper.connectionString()), "/custom/root/", ServerConfig.DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1));
        String resource = "/bcsstorage/v1/mesos/watch/clusters/" + cluster + "/namespaces/ns/application/app.v1";
        try (RunningApp app = RunningApp.start(config)) {
            Http http = new Http(app.port());
            assertThat(http.put(resource, "{\"data\":[1,null,\"x\"]}").status()).isEqualTo(200);
            try (PlainClient plain = new PlainClient(zookeeper.connectionString())) {
                assertThat(new String(plain.zk.getData("/custom/root/mesos/" + cluster + "/application/ns.app.v1", false, null),
                        StandardCharsets.UTF_8)).isEqualTo("[1,null,\"x\"]");
            }

            zookeeper.close();
            long started = System.nanoTime();
            Http.Reply down = http.put(resource, "{\"data\":2}");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body().get("code").asInt()).isEqualTo(10003);
            assertThat(down.body().get("message").asText()).startsWith("Put resource failed: ZooKeeper is unavailable");
            assertThat(http.get("/healthz").status()).isEqualTo(200);

            zookeeper = EmbeddedZooKeeper.start(dataDir.resolve("external-zk"), zkPort);
            Http.Reply back = awaitNot503(http, resource);
            assertThat(back.status()).isEqualTo(200);
            assertThat(back.body().get("data").toString()).isEqualTo("[1,null,\"x\"]");
        } finally {
            zookeeper.close();
        }
    }

    private static Http.Reply awaitNot503(Http http, String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Http.Reply reply = http.get(path);
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
