package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store decorator counts and times each call by outcome, and changes nothing else. */
class StoreMetricsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WatchKey key = new WatchKey(Env.K8S, "BCS-K8S-1", "ns", "Pod", "web");

    @Test
    void successfulCallsAreCountedAndTimedAndAnswerAsTheStoreDoes() {
        WatchStore store = new StoreMetrics(meters).meter(WatchStore.class, "zookeeper", new MapWatchStore());
        store.put(key, new WatchData(Map.of("a", 1)));
        assertThat(store.get(key)).contains(new WatchData(Map.of("a", 1)));
        assertThat(store.get(new WatchKey(Env.K8S, "BCS-K8S-1", "ns", "Pod", "other"))).isEmpty();

        assertThat(count("get", "success")).isEqualTo(2);
        assertThat(count("put", "success")).isEqualTo(1);
        assertThat(meters.get(StoreMetrics.LATENCY).tags("operation", "get", "outcome", "success", "store", "zookeeper",
                "port", "WatchStore").timer().count()).isEqualTo(2);
        assertThat(store.toString()).as("Object methods pass through unmeasured").isNotNull();
        assertThat(meters.find(StoreMetrics.OPERATIONS).tag("operation", "toString").counter()).isNull();
    }

    @Test
    void failuresAreCountedByErrorKindAndRethrownUnchanged() {
        StorageException outage = StorageException.unavailable("ZooKeeper is unavailable", null);
        WatchStore failing = (WatchStore) Proxy.newProxyInstance(WatchStore.class.getClassLoader(),
                new Class<?>[]{WatchStore.class}, (proxy, method, args) -> {
                    throw outage;
                });
        WatchStore store = new StoreMetrics(meters).meter(WatchStore.class, "zookeeper", failing);
        assertThatThrownBy(() -> store.list(key.scope())).isSameAs(outage);
        assertThatThrownBy(() -> store.delete(key)).isSameAs(outage);
        assertThat(count("list", "unavailable")).isEqualTo(1);
        assertThat(count("delete", "unavailable")).isEqualTo(1);
    }

    @Test
    void twoInstancesOfOnePortCanBeToldApartByTheirLabel() {
        StoreMetrics metrics = new StoreMetrics(meters);
        WatchStore first = metrics.meter(WatchStore.class, "FirstWatchStore", "zookeeper", new MapWatchStore());
        WatchStore second = metrics.meter(WatchStore.class, "SecondWatchStore", "zookeeper", new MapWatchStore());
        first.put(key, new WatchData(1));
        second.put(key, new WatchData(2));
        second.get(key);

        assertThat(meters.get(StoreMetrics.OPERATIONS).tags("port", "FirstWatchStore").counters())
                .extracting(c -> c.count()).containsExactly(1.0);
        assertThat(meters.get(StoreMetrics.OPERATIONS).tags("port", "SecondWatchStore").counters())
                .extracting(c -> c.count()).containsExactlyInAnyOrder(1.0, 1.0);
        assertThat(meters.find(StoreMetrics.OPERATIONS).tags("port", "WatchStore").counters()).isEmpty();
    }

    private double count(String operation, String outcome) {
        return Optional.ofNullable(meters.find(StoreMetrics.OPERATIONS).tags("operation", operation, "outcome", outcome,
                "store", "zookeeper", "port", "WatchStore").counter()).map(c -> c.count()).orElse(0.0);
    }


    /** Just enough of a store to see answers pass through. */
    private static final class MapWatchStore implements WatchStore {
        private final Map<WatchKey, WatchData> entries = new HashMap<>();

        @Override
        public void put(WatchKey key, WatchData data) {
            entries.put(key, data);
        }

        @Override
        public Optional<WatchData> get(WatchKey key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public boolean delete(WatchKey key) {
            return entries.remove(key) != null;
        }

        @Override
        public List<WatchData> list(WatchScope scope) {
            return List.copyOf(entries.values());
        }
    }
}
