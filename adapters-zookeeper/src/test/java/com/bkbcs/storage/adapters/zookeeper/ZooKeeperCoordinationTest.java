package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Registration and leader election against a real ZooKeeper server, read back with a plain
 * ZooKeeper client as the BCS gateway would.
 */
class ZooKeeperCoordinationTest {
    private static final String ENDPOINTS = "/bcs/services/endpoints/storage";
    private static final String LATCH = "/bcs/services/leader/storage";
    /** Generous: two cores shared with other builds. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;
    private EmbeddedZooKeeper server;

    @BeforeEach
    void startServer() {
        server = EmbeddedZooKeeper.start(directory);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ZooKeeperCoordination open() {
        return ZooKeeperCoordination.open(ZooKeeperSettings.of(server.connectionString())
                .withSessionTimeout(Duration.ofSeconds(4)).withOperationTimeout(Duration.ofSeconds(2)));
    }

    private static EndpointInfo endpoint(String ip, int port) {
        return new EndpointInfo(ip, port, port + 1, "host-" + port, "http", "0.1.0", "", 4242, ip, port);
    }

    @Test
    void anInstanceRegistersAsAnEphemeralSequentialNodeHoldingItsServerInfoAndLeavesOnClose() throws Exception {
        try (ZooKeeperCoordination coordination = open();
             PlainZooKeeper reader = new PlainZooKeeper(server.connectionString())) {
            ServiceRegistration registration = coordination.register(ENDPOINTS, endpoint("10.0.0.7", 8080));
            eventually("the node is created", () -> registration.path().isPresent());

            List<String> children = reader.zk.getChildren(ENDPOINTS, false);
            assertThat(children).hasSize(1);
            assertThat(children.get(0)).matches("10\\.0\\.0\\.7\\d{10}");
            String json = reader.text(ENDPOINTS + "/" + children.get(0));
            assertThat(json).isEqualTo("{\"ip\":\"10.0.0.7\",\"port\":8080,\"metric_port\":8081,\"hostname\":\"host-8080\","
                    + "\"scheme\":\"http\",\"version\":\"0.1.0\",\"cluster\":\"\",\"pid\":4242,\"external_ip\":\"10.0.0.7\","
                    + "\"external_port\":8080}");
            assertThat(reader.stat(ENDPOINTS + "/" + children.get(0)).getEphemeralOwner()).isNotZero();

            registration.close();
            eventually("the node is deleted", () -> children(reader).isEmpty());
        }
    }

    @Test
    void aRegistrationComesBackUnderTheSameNameAfterTheSessionExpired() throws Exception {
        try (ZooKeeperCoordination coordination = open();
             PlainZooKeeper reader = new PlainZooKeeper(server.connectionString());
             ServiceRegistration registration = coordination.register(ENDPOINTS, endpoint("10.0.0.8", 9090))) {
            eventually("the node is created", () -> registration.path().isPresent());
            String path = registration.path().orElseThrow();
            long owner = reader.stat(path).getEphemeralOwner();

            ZooKeeper current = coordination.client().getZookeeperClient().getZooKeeper();
            expireOnTheServer(current.getSessionId(), current.getSessionPasswd());

            eventually("the node is back, owned by the new session", () -> {
                try {
                    var stat = reader.stat(path);
                    return stat != null && stat.getEphemeralOwner() != owner;
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(children(reader)).hasSize(1);
            assertThat(EndpointInfo.fromJson(reader.zk.getData(path, false, null))).isEqualTo(endpoint("10.0.0.8", 9090));
        }
    }

    @Test
    void exactlyOneOfThreeInstancesLeadsAndTheOthersNameIt() throws Exception {
        try (ZooKeeperCoordination a = open(); ZooKeeperCoordination b = open(); ZooKeeperCoordination c = open();
             ZooKeeperLeadership first = a.elect(LATCH, "a:1");
             ZooKeeperLeadership second = b.elect(LATCH, "b:2");
             ZooKeeperLeadership third = c.elect(LATCH, "c:3")) {
            List<ZooKeeperLeadership> all = List.of(first, second, third);
            eventually("one leads", () -> all.stream().filter(ZooKeeperLeadership::leads).count() == 1);
            ZooKeeperLeadership leader = all.stream().filter(ZooKeeperLeadership::leads).findFirst().orElseThrow();
            String leaderId = leader == first ? "a:1" : leader == second ? "b:2" : "c:3";
            assertThat(leader.leader()).isEqualTo("this instance (" + leaderId + ")");
            for (ZooKeeperLeadership other : all) {
                if (other != leader) {
                    eventually("a follower names the leader", () -> other.leader().equals(leaderId));
                }
            }
            // only one ever leads at a time, whatever the moment
            for (int i = 0; i < 20; i++) {
                assertThat(all.stream().filter(ZooKeeperLeadership::leads).count()).isEqualTo(1);
                Thread.sleep(10);
            }
        }
    }

    @Test
    void whenTheLeaderLeavesAnotherLeads() throws Exception {
        try (ZooKeeperCoordination a = open(); ZooKeeperCoordination b = open();
             ZooKeeperLeadership first = a.elect(LATCH, "a:1")) {
            eventually("the first leads", first::leads);
            try (ZooKeeperLeadership second = b.elect(LATCH, "b:2")) {
                eventually("the second names the first", () -> second.leader().equals("a:1"));
                assertThat(second.leads()).isFalse();

                first.close();

                eventually("the second leads", second::leads);
                assertThat(first.leads()).isFalse();
            }
        }
    }

    @Test
    void aLeaderWhoseSessionDiesLosesLeadershipAndTheOtherTakesOver() throws Exception {
        try (ZooKeeperCoordination a = open(); ZooKeeperCoordination b = open();
             ZooKeeperLeadership first = a.elect(LATCH, "a:1")) {
            eventually("the first leads", first::leads);
            try (ZooKeeperLeadership second = b.elect(LATCH, "b:2")) {
                eventually("the second names the first", () -> second.leader().equals("a:1"));

                ZooKeeper current = a.client().getZookeeperClient().getZooKeeper();
                expireOnTheServer(current.getSessionId(), current.getSessionPasswd());

                eventually("the second leads", second::leads);
                eventually("the first names the second", () -> first.leader().equals("b:2"));
                assertThat(first.leads()).isFalse();
            }
        }
    }

    @Test
    void withZooKeeperGoneNobodyLeadsAndTheLeaderIsNotKnown() throws Exception {
        try (ZooKeeperCoordination a = open(); ZooKeeperLeadership only = a.elect(LATCH, "a:1")) {
            eventually("it leads", only::leads);

            server.close();

            eventually("it stops leading", () -> !only.leads());
            eventually("the leader is not known", () -> only.leader().startsWith("nobody known ("));
            server = EmbeddedZooKeeper.start(directory, server.port());
            eventually("it leads again", only::leads);
        }
    }

    @Test
    void pathsAreChecked() {
        try (ZooKeeperCoordination coordination = open()) {
            for (String bad : List.of("bcs/services", "/bcs/", "/", "/a//b", "")) {
                assertThatThrownBy(() -> coordination.register(bad, endpoint("10.0.0.1", 1)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid znode path");
                assertThatThrownBy(() -> coordination.elect(bad, "a:1"))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid znode path");
            }
            assertThatThrownBy(() -> coordination.register(ENDPOINTS, endpoint("10.0.0.1\u0001", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid znode path");
        }
    }

    @Test
    void anEndpointIsChecked() {
        assertThatThrownBy(() -> new EndpointInfo("10.0.0.1", 0, 1, "h", "http", "1", "", 1, "10.0.0.1", 1))
                .hasMessageContaining("port must be within 1..65535");
        assertThatThrownBy(() -> new EndpointInfo("10.0.0.1", 1, 1, "h", "ftp", "1", "", 1, "10.0.0.1", 1))
                .hasMessageContaining("scheme must be http or https");
        assertThat(endpoint("fd00::1", 8080).address()).isEqualTo("[fd00::1]:8080");
    }

    private static List<String> children(PlainZooKeeper reader) {
        try {
            return reader.zk.getChildren(ENDPOINTS, false);
        } catch (KeeperException.NoNodeException e) {
            return List.of(); // ZooKeeper deletes an empty container node
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private void expireOnTheServer(long session, byte[] password) throws Exception {
        PlainZooKeeper.expireOnTheServer(server.connectionString(), session, password);
    }
}
