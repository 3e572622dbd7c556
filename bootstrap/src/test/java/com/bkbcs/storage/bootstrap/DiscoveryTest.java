package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.zookeeper.EndpointInfo;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One instance in process against a real (external) ZooKeeper: it registers where and as it is
 * told, names itself as the retention leader, and leaves ZooKeeper first when it stops. The
 * deployment of several instances is {@link MultiInstanceIT}.
 */
class DiscoveryTest {
    private static final String ENDPOINTS = "/test/endpoints/storage";
    private static final String LEADER = "/test/leader/storage";

    @TempDir
    Path dir;
    private TestingServer zookeeper;

    @BeforeEach
    void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
    }

    @AfterEach
    void stopZooKeeper() throws Exception {
        zookeeper.close();
    }

    private RunningApp start(DiscoveryConfig discovery) {
        ServerConfig config = new ServerConfig(0, dir.resolve("data"), Optional.empty(), "bcs_storage",
                Optional.of(zookeeper.getConnectString()), "etc/cluster", ServerConfig.DEFAULT_MAX_BODY_BYTES);
        return RunningApp.start(config, OperabilityConfig.defaults(), RetentionConfig.defaults(), RequestConfig.defaults(),
                StoreGuardConfig.defaults(), discovery);
    }

    @Test
    void anInstanceRegistersAsAdvertisedLeadsAloneAndLeavesFirstOnStop() throws Exception {
        DiscoveryConfig discovery = DiscoveryConfig.defaults().withPaths(ENDPOINTS, LEADER).withAdvertised("10.1.2.3", 18080);
        try (ZooKeeper gateway = connect()) {
            RunningApp app = start(discovery);
            try {
                List<String> children = awaitChildren(gateway, 1);
                assertThat(children.get(0)).matches("10\\.1\\.2\\.3\\d{10}");
                EndpointInfo endpoint = EndpointInfo.fromJson(gateway.getData(ENDPOINTS + "/" + children.get(0), false, null));
                assertThat(endpoint.ip()).isEqualTo("10.1.2.3");
                assertThat(endpoint.port()).isEqualTo(18080);
                assertThat(endpoint.metricPort()).isEqualTo(18080);
                assertThat(endpoint.scheme()).isEqualTo("http");
                assertThat(endpoint.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(endpoint.externalIp()).isEqualTo("10.1.2.3");
                assertThat(endpoint.externalPort()).isEqualTo(18080);

                Http http = new Http(app.port());
                awaitDetail(http, "led by this instance (10.1.2.3:18080)");
                assertThat(http.text("/metrics")).contains("bkbcs_storage_retention_leader 1.0");
                assertThat(children(gateway, LEADER)).hasSize(1);
            } finally {
                app.close();
            }
            assertThat(children(gateway, ENDPOINTS)).as("gone at once, not after the session timeout").isEmpty();
            assertThat(children(gateway, LEADER)).isEmpty();
        }
    }

    @Test
    void registrationCanBeTurnedOffAndTheElectionStillRuns() throws Exception {
        DiscoveryConfig discovery = DiscoveryConfig.defaults().withPaths(ENDPOINTS, LEADER)
                .withRegistration(DiscoveryConfig.Registration.OFF);
        try (ZooKeeper gateway = connect(); RunningApp app = start(discovery)) {
            awaitDetail(new Http(app.port()), "led by this instance (");
            assertThat(gateway.exists(ENDPOINTS, false)).isNull();
        }
    }

    @Test
    void onTheMemoryStoresAnInstanceIsAloneAndLeads() throws Exception {
        try (RunningApp app = RunningApp.start(ServerConfig.memory())) {
            Http http = new Http(app.port());
            String detail = http.get("/readyz").body().at("/data/checks/retention/detail").asText();
            assertThat(detail).startsWith("led by this instance (").endsWith(":" + app.port() + ", alone)");
        }
    }

    private static void awaitDetail(Http http, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String detail = "";
        while (System.nanoTime() < deadline) {
            detail = http.get("/readyz").body().at("/data/checks/retention/detail").asText();
            if (detail.startsWith(prefix)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("the retention check said '" + detail + "', not '" + prefix + "...'");
    }

    private static List<String> awaitChildren(ZooKeeper gateway, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (gateway.exists(ENDPOINTS, false) != null) {
                List<String> children = gateway.getChildren(ENDPOINTS, false);
                if (children.size() == count) {
                    return children;
                }
            }
            Thread.sleep(50);
        }
        return fail("not " + count + " registrations under " + ENDPOINTS);
    }

    /** The children of {@code path}; none when it is gone (ZooKeeper deletes an empty container node). */
    private static List<String> children(ZooKeeper gateway, String path) throws Exception {
        try {
            return gateway.getChildren(path, false);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    private ZooKeeper connect() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(zookeeper.getConnectString(), 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();
        return client;
    }
}
