package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The znode layout is part of the API (other components read it): proven here by reading and
 * watching the nodes with a plain ZooKeeper client.
 */
class ZnodeLayoutTest {
    @TempDir
    static Path directory;
    private static EmbeddedZooKeeper server;
    private static ZooKeeperConnection connection;
    private static WatchStore store;
    private PlainZooKeeper plain;
    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        server = EmbeddedZooKeeper.start(directory);
        connection = ZooKeeperConnection.open(ZooKeeperSettings.of(server.connectionString()));
        store = connection.watchStore("etc/cluster");
    }

    @AfterAll
    static void stop() {
        connection.close();
        server.close();
    }

    @BeforeEach
    void connectPlainClient() throws Exception {
        plain = new PlainZooKeeper(server.connectionString());
    }

    @AfterEach
    void closePlainClient() throws Exception {
        plain.close();
    }

    @Test
    void putWritesOnePersistentZnodeHoldingTheUtf8JsonOfTheData() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metadata", Map.of("name", "web-1"));
        data.put("名字", "值 😀");
        data.put("n", 1.5);
        data.put("none", null);

        store.put(new WatchKey(Env.K8S, cluster, "default", "Pod", "web-1"), new WatchData(data));

        String path = "/etc/cluster/k8s/" + cluster + "/Pod/default.web-1";
        byte[] bytes = plain.zk.getData(path, false, null);
        assertThat(bytes).isEqualTo("{\"metadata\":{\"name\":\"web-1\"},\"名字\":\"值 😀\",\"n\":1.5,\"none\":null}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(plain.stat(path).getEphemeralOwner()).isZero();
    }

    @Test
    void parentsArePlainPersistentNodesWithoutDataThatOutliveTheirLastChild() throws Exception {
        WatchKey key = new WatchKey(Env.MESOS, cluster, "ns", "application", "app");
        store.put(key, new WatchData("x"));
        store.delete(key);

        for (String path : List.of("/etc", "/etc/cluster", "/etc/cluster/mesos", "/etc/cluster/mesos/" + cluster,
                "/etc/cluster/mesos/" + cluster + "/application")) {
            Stat stat = plain.stat(path);
            assertThat(stat).as(path).isNotNull();
            // 0: neither ephemeral nor a container (containers carry Long.MIN_VALUE here and vanish once empty)
            assertThat(stat.getEphemeralOwner()).as(path).isZero();
            assertThat(stat.getDataLength()).as(path).isZero();
        }
        assertThat(plain.stat("/etc/cluster/mesos/" + cluster + "/application/ns.app")).isNull();
    }

    @Test
    void everyJsonValueIsStoredAsItsJsonText() throws Exception {
        Map<Object, String> expected = new LinkedHashMap<>();
        expected.put("text", "\"text\"");
        expected.put(42, "42");
        expected.put(true, "true");
        expected.put(List.of(1, "a"), "[1,\"a\"]");
        int i = 0;
        for (Map.Entry<Object, String> entry : expected.entrySet()) {
            store.put(new WatchKey(Env.K8S, cluster, "ns", "Kind", "v" + i), new WatchData(entry.getKey()));
            assertThat(plain.text("/etc/cluster/k8s/" + cluster + "/Kind/ns.v" + i)).isEqualTo(entry.getValue());
            i++;
        }
        store.put(new WatchKey(Env.K8S, cluster, "ns", "Kind", "null"), new WatchData(null));
        assertThat(plain.text("/etc/cluster/k8s/" + cluster + "/Kind/ns.null")).isEqualTo("null");
    }

    @Test
    void readsAndDeletesNeverCreateNodes() throws Exception {
        WatchStore fresh = connection.watchStore("never/created");
        WatchKey key = new WatchKey(Env.K8S, cluster, "ns", "Pod", "p");

        assertThat(fresh.get(key)).isEmpty();
        assertThat(fresh.list(key.scope())).isEmpty();
        assertThat(fresh.delete(key)).isFalse();
        assertThat(store.get(key)).isEmpty();
        assertThat(store.list(key.scope())).isEmpty();
        assertThat(store.delete(key)).isFalse();

        assertThat(plain.stat("/never")).isNull();
        assertThat(plain.stat("/etc/cluster/k8s/" + cluster)).isNull();
    }

    @Test
    void listReadsOnlyTheNamespacesChildrenAndSkipsNodesThatAreNotJson() throws Exception {
        String type = "/etc/cluster/k8s/" + cluster + "/Pod";
        store.put(new WatchKey(Env.K8S, cluster, "ns", "Pod", "a"), new WatchData("mine"));
        for (String foreign : List.of("ns2.b", "nsx.c", "n.s", "ns", "ns.", "other.ns.d")) {
            plain.zk.create(type + "/" + foreign, "\"foreign\"".getBytes(StandardCharsets.UTF_8),
                    ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        plain.zk.create(type + "/ns.garbage", "not json".getBytes(StandardCharsets.UTF_8),
                ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        plain.zk.create(type + "/ns.empty", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        plain.zk.create(type + "/ns.written-by-another-component", "{\"by\":\"go\"}".getBytes(StandardCharsets.UTF_8),
                ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertThat(store.list(new WatchScope(Env.K8S, cluster, "ns", "Pod")))
                .containsExactly(new WatchData("mine"), new WatchData(Map.of("by", "go")));
        assertThatThrownBy(() -> store.get(new WatchKey(Env.K8S, cluster, "ns", "Pod", "garbage")))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL));
    }

    @Test
    void aConsumerWatchingTheTypeNodeAndAnEntrySeesPutsOverwritesAndDeletes() throws Exception {
        String type = "/etc/cluster/k8s/" + cluster + "/Service";
        WatchKey key = new WatchKey(Env.K8S, cluster, "ns", "Service", "svc");
        store.put(new WatchKey(Env.K8S, cluster, "ns", "Service", "first"), new WatchData(1));
        BlockingQueue<Watcher.Event.EventType> events = new LinkedBlockingQueue<>();

        plain.zk.getChildren(type, event -> events.add(event.getType()));
        store.put(key, new WatchData(1));
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(Watcher.Event.EventType.NodeChildrenChanged);

        plain.zk.getData(type + "/ns.svc", event -> events.add(event.getType()), null);
        store.put(key, new WatchData(2));
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(Watcher.Event.EventType.NodeDataChanged);
        assertThat(plain.text(type + "/ns.svc")).isEqualTo("2");

        plain.zk.getData(type + "/ns.svc", event -> events.add(event.getType()), null);
        store.delete(key);
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(Watcher.Event.EventType.NodeDeleted);
    }

    @ParameterizedTest
    @CsvSource({"etc/cluster,/etc/cluster", "/etc/cluster,/etc/cluster", "/etc/cluster/,/etc/cluster",
            "//etc/cluster//,/etc/cluster", "' bcs ',/bcs", "/,''", "'',''", "a.b/c-d_e,/a.b/c-d_e"})
    void rootsAreNormalized(String root, String normalized) {
        assertThat(CuratorWatchStore.normalizeRoot(root)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"etc//cluster", "etc/./cluster", "etc/../cluster", "nul\u0000", "/zookeeper/x/.."})
    void invalidRootsAreRefused(String root) {
        assertThatThrownBy(() -> CuratorWatchStore.normalizeRoot(root)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRootAtTheTopAndACustomRootAreHonoured() throws Exception {
        WatchKey key = new WatchKey(Env.MESOS, cluster, "ns", "application", "app");
        connection.watchStore("/").put(key, new WatchData("top"));
        connection.watchStore("/custom/root/").put(key, new WatchData("custom"));

        assertThat(plain.text("/mesos/" + cluster + "/application/ns.app")).isEqualTo("\"top\"");
        assertThat(plain.text("/custom/root/mesos/" + cluster + "/application/ns.app")).isEqualTo("\"custom\"");
    }

    @Test
    void dataUpToTheLimitIsStoredEvenUnderTheLongestPathAndLargerDataIsRefusedBeforeSending() throws Exception {
        String longest = "名".repeat(253);
        WatchStore deep = connection.watchStore("根".repeat(CuratorWatchStore.MAX_ROOT_LENGTH));
        WatchKey key = new WatchKey(Env.MESOS, longest, longest, longest, longest);
        String largest = "x".repeat(CuratorWatchStore.MAX_DATA_BYTES - 2);

        deep.put(key, new WatchData(largest));
        deep.put(key, new WatchData(largest.replace('x', 'y')));

        assertThat(deep.get(key)).contains(new WatchData(largest.replace('x', 'y')));
        assertThat(deep.list(key.scope())).hasSize(1);
        assertThatThrownBy(() -> deep.put(key, new WatchData(largest + "z")))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TOO_LARGE))
                .hasMessageContaining(Integer.toString(CuratorWatchStore.MAX_DATA_BYTES));
        WatchKey absent = new WatchKey(Env.MESOS, cluster, "ns", "application", "big");
        assertThatThrownBy(() -> store.put(absent, new WatchData(Map.of("big", "é".repeat(CuratorWatchStore.MAX_DATA_BYTES / 2)))))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TOO_LARGE));
        assertThat(deep.get(key)).contains(new WatchData(largest.replace('x', 'y')));
        assertThat(plain.stat("/etc/cluster/mesos/" + cluster)).isNull();
        assertThat(connection.isConnected()).isTrue();
    }
}
