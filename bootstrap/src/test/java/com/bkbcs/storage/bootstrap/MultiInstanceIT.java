package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.zookeeper.EndpointInfo;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Several instances as a deployment runs them: three packaged-jar processes on one MongoDB-wire
 * server and a real three-server ZooKeeper ensemble (quorum peers in this JVM, Curator's
 * {@link TestingCluster}). Registration is read with a plain ZooKeeper client, as the BCS gateway
 * reads it; retention leadership is proven by the run counters each instance exports on
 * {@code /metrics}. Each test starts its own ensemble and instances.
 */
class MultiInstanceIT {
    private static final String ENDPOINTS = DiscoveryConfig.REGISTER_PATH;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(2);
    private static final int TICK_MS = 1_000;
    /** Generous: two cores run three services, three ZooKeeper servers and a MongoDB-wire server. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern RUNS = Pattern.compile(
            "(?m)^bkbcs_storage_retention_runs_total\\{outcome=\"done\",?\\} (\\S+)$");
    private static final Pattern LEADER = Pattern.compile("(?m)^bkbcs_storage_retention_leader (\\S+)$");

    @TempDir
    Path dir;
    private TestingCluster ensemble;
    private MongoServer mongo;
    private final List<Instance> instances = new ArrayList<>();

    private record Instance(String name, ServerProcess process, int port, Http http) {
    }

    @BeforeEach
    void start() throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            specs.add(new InstanceSpec(Files.createDirectories(dir.resolve("zk" + id)).toFile(), -1, -1, -1, true, id, TICK_MS, -1));
        }
        ensemble = new TestingCluster(specs);
        ensemble.start();
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        String mongoUri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
        List<ServerProcess> started = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            started.add(ServerProcess.start(dir.resolve(name + ".log"), "serve", "--port", "0",
                    "--data-dir", dir.resolve(name).toString(), "--mongo-uri", mongoUri,
                    "--zk-connect", ensemble.getConnectString(),
                    "--zk-session-timeout", Long.toString(SESSION_TIMEOUT.toMillis()),
                    "--zk-connection-timeout", Long.toString(OPERATION_TIMEOUT.toMillis()),
                    "--zk-operation-timeout", Long.toString(OPERATION_TIMEOUT.toMillis()),
                    "--retention-period", "1", "--advertise-address", "127.0.0.1"));
        }
        for (int i = 0; i < started.size(); i++) {
            int port = started.get(i).awaitPort(WAIT);
            instances.add(new Instance(List.of("a", "b", "c").get(i), started.get(i), port, new Http(port)));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Instance instance : instances) {
            instance.process().close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }

    @Test
    void everyInstanceRegistersWhatTheGatewayNeedsAndTheyServeOneStore() throws Exception {
        String version = instances.get(0).http().get("/").body().at("/data/version").asText();
        assertThat(version).isNotBlank();
        try (Gateway gateway = new Gateway(ensemble.getConnectString())) {
            Map<Integer, EndpointInfo> registered = gateway.awaitEndpoints(3);
            for (Instance instance : instances) {
                EndpointInfo endpoint = registered.get(instance.port());
                assertThat(endpoint).as("the registration of %s", instance.name()).isNotNull();
                assertThat(endpoint).isEqualTo(new EndpointInfo("127.0.0.1", instance.port(), instance.port(),
                        endpoint.hostname(), "http", version, "", instance.process().pid(), "127.0.0.1", instance.port()));
                assertThat(endpoint.hostname()).isNotBlank();
            }
            assertThat(gateway.children()).allMatch(name -> name.matches("127\\.0\\.0\\.1\\d{10}"));
        }

        String pod = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/BCS-K8S-9/namespaces/ns/Pod/web";
        assertThat(instances.get(0).http().put(pod, "{\"data\":{\"status\":\"Running\"}}").status()).isEqualTo(200);
        for (Instance other : instances.subList(1, 3)) {
            assertThat(other.http().get(pod).body().at("/data/data/status").asText())
                    .as("read through %s at once", other.name()).isEqualTo("Running");
        }
        String watch = "/bcsstorage/v1/k8s/watch/clusters/BCS-K8S-9/namespaces/ns/Service/web";
        assertThat(instances.get(1).http().put(watch, "{\"data\":{\"clusterIP\":\"10.0.0.1\"}}").status()).isEqualTo(200);
        assertThat(instances.get(2).http().get(watch).body().at("/data/clusterIP").asText()).isEqualTo("10.0.0.1");
    }

    @Test
    void retentionRunsOncePerPeriodOnOneInstanceAndTheReadinessOfEachNamesIt() throws Exception {
        Instance leader = awaitOneLeader(List.copyOf(instances));
        Map<String, Double> before = runs();
        Thread.sleep(6_000);
        Map<String, Double> after = runs();

        double total = 0;
        for (Instance instance : instances) {
            double delta = after.get(instance.name()) - before.get(instance.name());
            total += delta;
            if (instance != leader) {
                assertThat(delta).as("runs of follower %s", instance.name()).isZero();
            }
        }
        // a run every second, after the one before ended: at most 6 in 6 s, fewer when the machine is slow
        assertThat(total).as("runs of the deployment in 6 s").isBetween(3.0, 7.0);
        for (Instance instance : instances) {
            String detail = instance.http().get("/readyz").body().at("/data/checks/retention/detail").asText();
            assertThat(detail).isEqualTo(instance == leader ? "led by this instance (127.0.0.1:" + leader.port() + ")"
                    : "led by 127.0.0.1:" + leader.port());
        }
    }

    @Test
    void killingTheLeaderRemovesItsRegistrationWithinTheSessionTimeoutAndRetentionMoves() throws Exception {
        Instance leader = awaitOneLeader(List.copyOf(instances));
        List<Instance> survivors = instances.stream().filter(instance -> instance != leader).toList();
        try (Gateway gateway = new Gateway(ensemble.getConnectString())) {
            gateway.awaitEndpoints(3);

            leader.process().kill9();
            long killed = System.nanoTime();

            String pod = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/BCS-K8S-9/namespaces/ns/Pod/after";
            assertThat(survivors.get(0).http().put(pod, "{\"data\":{\"n\":1}}").status()).isEqualTo(200);
            assertThat(survivors.get(1).http().get(pod).status()).as("the others keep serving").isEqualTo(200);

            Map<Integer, EndpointInfo> left = gateway.awaitEndpoints(2);
            long gone = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            assertThat(left).doesNotContainKey(leader.port());
            System.out.printf("the killed leader's registration went %d ms after the kill (session timeout %d ms)%n",
                    gone, SESSION_TIMEOUT.toMillis());
            // ZooKeeper expires a session at the first tick after the timeout since its last heartbeat
            assertThat(gone).as("ms until the dead instance's node went")
                    .isLessThan(SESSION_TIMEOUT.toMillis() + 2L * TICK_MS + 1_000);

            Instance next = awaitOneLeader(survivors);
            double first = runs().get(next.name());
            eventually("the new leader runs retention", () -> runs().get(next.name()) >= first + 2);
        }
    }

    @Test
    void oneZooKeeperServerDownChangesNothingTwoDownStopOnlyWatchDataAndAllRecovers() throws Exception {
        List<InstanceSpec> servers = List.copyOf(ensemble.getInstances());
        awaitOneLeader(List.copyOf(instances));
        try (Gateway gateway = new Gateway(ensemble.getConnectString())) {
            gateway.awaitEndpoints(3);
        }

        ensemble.killServer(servers.get(0));
        // a client of the stopped server moves to another one (and the ensemble elects a new leader if
        // it was the stopped one): requests may answer 503 for those seconds, and then all must work
        for (Instance instance : instances) {
            String watch = watchPath(instance.name() + "-one-down");
            eventually("watch data through " + instance.name() + " with one server down",
                    () -> instance.http().put(watch, "{\"data\":{\"up\":1}}").status() == 200
                            && instance.http().get(watch).body().at("/data/up").asInt() == 1);
        }
        for (int round = 0; round < 10; round++) {
            for (Instance instance : instances) {
                String watch = watchPath(instance.name() + "-one-down");
                assertThat(instance.http().put(watch, "{\"data\":{\"up\":1}}").status())
                        .as("watch write %d through %s, one server down", round, instance.name()).isEqualTo(200);
                assertThat(instances.get((instances.indexOf(instance) + 1) % instances.size()).http().get(watch)
                        .body().at("/data/up").asInt()).as("read back through the next instance").isEqualTo(1);
            }
        }
        awaitOneLeader(List.copyOf(instances));
        try (Gateway gateway = new Gateway(ensemble.getConnectString())) {
            assertThat(gateway.awaitEndpoints(3)).hasSize(3);
        }

        ensemble.killServer(servers.get(1));
        for (Instance instance : instances) {
            // the first call of an outage may wait for a reconnect, never longer than the operation timeout
            long started = System.nanoTime();
            Http.Reply first = instance.http().put(watchPath(instance.name() + "-two-down"), "{\"data\":{\"up\":2}}");
            assertThat(first.status()).as("watch write without a quorum").isEqualTo(503);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("ms to answer it")
                    .isLessThan(OPERATION_TIMEOUT.toMillis() + 1_500);
        }
        for (Instance instance : instances) {
            eventually(instance.name() + " knows ZooKeeper is down", () -> instance.http().get("/readyz").body()
                    .at("/data/checks/zookeeper/detail").asText().endsWith("circuit breaker open"));
            long started = System.nanoTime();
            Http.Reply refused = instance.http().put(watchPath(instance.name() + "-two-down"), "{\"data\":{\"up\":2}}");
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(refused.status()).as("watch write without a quorum").isEqualTo(503);
            assertThat(took).as("ms to refuse it once the outage is known").isLessThan(1_000);
            String pod = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/BCS-K8S-9/namespaces/ns/Pod/"
                    + instance.name();
            assertThat(instance.http().put(pod, "{\"data\":{\"n\":2}}").status()).as("dynamic data").isEqualTo(200);
            assertThat(instance.http().get(pod).status()).isEqualTo(200);
        }
        assertThat(leaders()).as("nobody leads without a quorum").isZero();

        ensemble.restartServer(servers.get(0));
        ensemble.restartServer(servers.get(1));
        for (Instance instance : instances) {
            String watch = watchPath(instance.name() + "-back");
            eventually("watch data through " + instance.name() + " once the quorum is back",
                    () -> instance.http().put(watch, "{\"data\":{\"up\":3}}").status() == 200);
            assertThat(instance.http().get(watchPath(instance.name() + "-one-down")).body().at("/data/up").asInt())
                    .as("what was written before the outage").isEqualTo(1);
        }
        try (Gateway gateway = new Gateway(ensemble.getConnectString())) {
            assertThat(gateway.awaitEndpoints(3).keySet())
                    .containsExactlyInAnyOrderElementsOf(instances.stream().map(Instance::port).toList());
        }
        Instance leader = awaitOneLeader(List.copyOf(instances));
        double first = runs().get(leader.name());
        eventually("retention runs again", () -> runs().get(leader.name()) >= first + 2);
    }

    private static String watchPath(String name) {
        return "/bcsstorage/v1/k8s/watch/clusters/BCS-K8S-9/namespaces/ns/Service/" + name;
    }

    /** Waits until exactly one of {@code among} says it leads, and stays so for a moment; returns it. */
    private Instance awaitOneLeader(List<Instance> among) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Instance> leading = new ArrayList<>();
            for (Instance instance : among) {
                if (metric(instance, LEADER) == 1.0) {
                    leading.add(instance);
                }
            }
            if (leading.size() == 1 && leaders() == 1) {
                return leading.get(0);
            }
            Thread.sleep(200);
        }
        return fail("no single leader among " + among.stream().map(Instance::name).toList() + " within " + WAIT);
    }

    /** How many live instances say they lead. */
    private int leaders() throws InterruptedException {
        int leading = 0;
        for (Instance instance : instances) {
            if (instance.process().isAlive() && metric(instance, LEADER) == 1.0) {
                leading++;
            }
        }
        return leading;
    }

    /** Retention runs done so far, per live instance. */
    private Map<String, Double> runs() throws InterruptedException {
        Map<String, Double> runs = new HashMap<>();
        for (Instance instance : instances) {
            if (instance.process().isAlive()) {
                runs.put(instance.name(), metric(instance, RUNS));
            }
        }
        return runs;
    }

    private static double metric(Instance instance, Pattern pattern) throws InterruptedException {
        String scrape = instance.http().text("/metrics");
        Matcher matcher = pattern.matcher(scrape);
        if (!matcher.find()) {
            throw new AssertionError(instance.name() + " exports no " + pattern + ":\n" + scrape);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void eventually(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    /** The BCS gateway's view: a plain ZooKeeper client reading the endpoints' znodes. */
    private static final class Gateway implements AutoCloseable {
        private final ZooKeeper zk;

        Gateway(String connectString) throws Exception {
            CountDownLatch connected = new CountDownLatch(1);
            zk = new ZooKeeper(connectString, 30_000, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            if (!connected.await(30, TimeUnit.SECONDS)) {
                zk.close();
                throw new IllegalStateException("no connection to " + connectString);
            }
        }

        List<String> children() throws Exception {
            try {
                return zk.getChildren(ENDPOINTS, false);
            } catch (KeeperException.NoNodeException e) {
                return List.of();
            }
        }

        /** Waits until exactly {@code count} endpoints are registered; they by port. */
        Map<Integer, EndpointInfo> awaitEndpoints(int count) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            Map<Integer, EndpointInfo> endpoints = Map.of();
            while (System.nanoTime() < deadline) {
                try {
                    endpoints = new HashMap<>();
                    for (String child : children()) {
                        EndpointInfo endpoint = EndpointInfo.fromJson(zk.getData(ENDPOINTS + "/" + child, false, null));
                        endpoints.put(endpoint.port(), endpoint);
                    }
                    if (endpoints.size() == count) {
                        return endpoints;
                    }
                } catch (KeeperException e) {
                    // the ensemble is electing, or a node went between the two reads: look again
                }
                Thread.sleep(100);
            }
            return fail("not " + count + " endpoints within " + WAIT + ": " + endpoints);
        }

        @Override
        public void close() throws InterruptedException {
            zk.close();
        }
    }
}
