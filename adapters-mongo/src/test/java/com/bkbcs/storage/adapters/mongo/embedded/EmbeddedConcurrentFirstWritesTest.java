package com.bkbcs.storage.adapters.mongo.embedded;

import com.bkbcs.storage.adapters.mongo.MongoConnection;
import com.bkbcs.storage.adapters.mongo.MongoResourceStore;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.bkbcs.storage.domain.query.ResourceQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first writes of a new type race the creation of its collection's indexes. mongo-java-server
 * 1.47.0 failed such a write now and then (a ConcurrentModificationException inside the server,
 * seen as a 500 by the `bench` command); the embedded server now keeps index changes apart from
 * other commands. Many fresh collections, each hit by many writers at once, make the race likely.
 */
class EmbeddedConcurrentFirstWritesTest {
    private static final int TYPES = 30;
    private static final int WRITERS = 16;
    private static final int PER_WRITER = 4;

    @TempDir
    Path dataDir;

    @Test
    void concurrentFirstWritesOfNewTypesAllLand() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoConnection connection = MongoConnection.connect(server.connectionString(), "bcs_storage")) {
            MongoResourceStore store = new MongoResourceStore(connection.database(), QueryKinds.timePaths());
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                for (int type = 0; type < TYPES; type++) {
                    String resourceType = "Kind" + type;
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<?>> writers = new ArrayList<>();
                    for (int w = 0; w < WRITERS; w++) {
                        int writer = w;
                        writers.add(pool.submit(() -> {
                            start.await();
                            for (int i = 0; i < PER_WRITER; i++) {
                                try {
                                    store.upsert(ResourceKey.namespaced("c1", "ns", resourceType, "r-" + writer + "-" + i),
                                            Map.of("i", i), Instant.now());
                                } catch (RuntimeException e) {
                                    failures.add(e);
                                }
                            }
                            return null;
                        }));
                    }
                    start.countDown();
                    for (Future<?> writer : writers) {
                        writer.get();
                    }
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(failures).isEmpty();
            for (int type = 0; type < TYPES; type++) {
                try (Stream<Map<String, Object>> listed = store.list(ResourceQuery.all(ResourceScope.all("c1", "Kind" + type)))) {
                    assertThat(listed.count()).isEqualTo(WRITERS * PER_WRITER);
                }
            }
        }
    }
}
