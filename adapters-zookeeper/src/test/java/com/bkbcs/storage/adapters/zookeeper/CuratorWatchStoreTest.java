package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.application.port.out.WatchStoreContract;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The watch-store contract against a real ZooKeeper server in this process, over TCP. */
class CuratorWatchStoreTest extends WatchStoreContract {
    @TempDir
    static Path directory;
    private static EmbeddedZooKeeper server;
    private static ZooKeeperConnection connection;
    private static WatchStore store;

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

    @Override
    protected WatchStore store() {
        return store;
    }

    @Test
    void decimalsKeepEveryDigitAndLoneSurrogatesSurvive() {
        WatchKey key = key(newCluster(), "ns", "Metric", "m");
        Map<String, Object> data = map(
                "exact", new BigDecimal("0.1000000000000000055511151231257827021181583404541015625"),
                "tooBigForDouble", new BigDecimal("1e400"),
                "third", 1.0 / 3,
                "lone", "\ud800 high, low \udc00",
                "list", List.of(new BigDecimal("123456789.123456789123456789")));

        store.put(key, new WatchData(data));

        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) store.get(key).orElseThrow().value();
        assertThat((BigDecimal) found.get("exact")).isEqualByComparingTo(new BigDecimal(
                "0.1000000000000000055511151231257827021181583404541015625"));
        assertThat((BigDecimal) found.get("tooBigForDouble")).isEqualByComparingTo(new BigDecimal("1e400"));
        assertThat(found.get("third")).isEqualTo(1.0 / 3);
        assertThat(found.get("lone")).isEqualTo("\ud800 high, low \udc00");
        assertSameJson(found.get("list"), data.get("list"));
    }
}
