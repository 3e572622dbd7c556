package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.watch.WatchRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryWatchStore;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.application.service.WatchService;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server on a free port, wired with the watch service over the in-memory watch store; one
 * per test class. Each test works in its own cluster. The dynamic-data helpers (envelope
 * assertions) come from {@link DynamicApiFixture}'s statics.
 */
abstract class WatchApiFixture {
    static final List<String> BASES = DynamicApiFixture.BASES;
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    static InMemoryWatchStore store;
    static HttpServer server;
    static Http http;

    String cluster;

    @BeforeAll
    static void startServer() {
        store = new InMemoryWatchStore();
        server = start(store);
        http = new Http(server.port());
    }

    static HttpServer start(WatchStore watchStore) {
        WatchService service = new WatchService(watchStore);
        return HttpServer.start(new HttpSettings(0), List.of(new WatchRoutes(service, service, service, service)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void newCluster() {
        cluster = "BCS-K8S-" + (20_000 + CLUSTERS.incrementAndGet());
    }

    static Env envOf(String base) {
        return Env.of(base.substring(base.lastIndexOf('/') + 1));
    }

    String typePath(String base, String namespace, String type) {
        return base + "/watch/clusters/" + cluster + "/namespaces/" + namespace + "/" + type;
    }

    /** Stores an entry straight through the store, bypassing HTTP. */
    WatchKey seed(Env env, String namespace, String type, String name, String dataJson) {
        WatchKey key = new WatchKey(env, cluster, namespace, type, name);
        store.put(key, new WatchData(Http.JSON.convertValue(Http.json(dataJson), Object.class)));
        return key;
    }
}
