package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.testsupport.FreezableProxy;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;
import de.bwaldvogel.mongo.MongoServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * A server that stops answering without closing anything (behind a proxy that stops forwarding
 * bytes): every call fails as UNAVAILABLE within the operation timeout, with a message that says it
 * timed out and nothing of the driver's cluster description; the same store works again once the
 * server answers. A streamed list is bounded per batch, not as a whole.
 */
class MongoFrozenServerTest {
    private static final Duration OPERATION_TIMEOUT = Duration.ofMillis(1_000);
    /** Generous: two cores shared with other builds; the old code waited 30 s (the socket timeout). */
    private static final Duration BOUND = OPERATION_TIMEOUT.plusMillis(2_000);

    private MongoServer server;
    private FreezableProxy proxy;
    private MongoConnection connection;
    private MongoResourceStore store;
    private final String cluster = "BCS-K8S-" + UUID.randomUUID();
    private final ResourceKey key = ResourceKey.namespaced(cluster, "ns", "Pod", "p");

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(new IndexSafeMemoryBackend());
        server.bind("127.0.0.1", 0);
        proxy = new FreezableProxy(server.getLocalAddress().getPort());
        connection = MongoConnection.connect("mongodb://" + proxy.connectString(), "bcs_storage", OPERATION_TIMEOUT);
        store = new MongoResourceStore(connection.database(), QueryKinds.timePaths());
        store.upsert(key, Map.of("v", 1), Instant.now());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.thaw();
        connection.close();
        proxy.close();
        server.shutdownNow();
    }

    @Test
    void everyCallFailsWithinTheOperationTimeoutSayingSoAndTheStoreWorksAgainAfterwards() throws Exception {
        proxy.freeze();

        assertTimesOut(() -> store.find(key));
        assertTimesOut(() -> store.upsert(key, Map.of("v", 2), Instant.now()));
        assertTimesOut(() -> store.delete(key));
        assertTimesOut(() -> store.deleteAll(ResourceScope.all(cluster, "Pod"), ResourceFilter.ALL));
        assertTimesOut(() -> store.list(ResourceQuery.all(ResourceScope.all(cluster, "Pod"))).close());
        assertTimesOut(() -> store.distinctNamespaces(cluster, Optional.empty()));

        proxy.thaw();
        awaitWorking();
        store.upsert(key, Map.of("v", 3), Instant.now());
        assertThat(store.find(key).orElseThrow().data()).isEqualTo(Map.of("v", 3));
    }

    @Test
    void aStreamedListIsBoundedPerBatchSoASlowReaderIsNeverCutButAFrozenServerFailsTheNextBatch() throws Exception {
        int documents = 3 * MongoQueries.BATCH_SIZE + 10;
        for (int i = 0; i < documents; i++) {
            store.upsert(ResourceKey.namespaced(cluster, "ns", "Pod", String.format("q%04d", i)), Map.of("i", i), Instant.now());
        }
        ResourceQuery all = ResourceQuery.all(ResourceScope.namespace(cluster, "ns", "Pod"));

        long started = System.nanoTime();
        int read = 0;
        try (Stream<Map<String, Object>> listed = store.list(all)) {
            Iterator<Map<String, Object>> iterator = listed.iterator();
            while (iterator.hasNext()) {
                iterator.next();
                if (++read % MongoQueries.BATCH_SIZE == 0) {
                    Thread.sleep(OPERATION_TIMEOUT.toMillis() * 3 / 4);
                }
            }
        }
        assertThat(read).isEqualTo(documents + 1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("longer than one operation timeout, and not cut")
                .isGreaterThan(OPERATION_TIMEOUT.multipliedBy(2));

        try (Stream<Map<String, Object>> listed = store.list(all)) {
            Iterator<Map<String, Object>> iterator = listed.iterator();
            for (int i = 0; i < MongoQueries.BATCH_SIZE; i++) {
                iterator.next();
            }
            proxy.freeze();
            assertTimesOut(() -> {
                while (iterator.hasNext()) {
                    iterator.next();
                }
            });
        }
    }

    private static void assertTimesOut(ThrowingCallable call) {
        long started = System.nanoTime();
        Throwable thrown = catchThrowable(call);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(thrown).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("timed out")
                    .doesNotContain("127.0.0.1", "cluster", "Cluster", "ServerDescription", "Exception");
        });
        assertThat(took).isLessThan(BOUND);
    }

    private void awaitWorking() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                store.find(key);
                return;
            } catch (StorageException e) {
                if (System.nanoTime() > deadline) {
                    fail("the store did not recover", e);
                }
                Thread.sleep(100);
            }
        }
    }
}
