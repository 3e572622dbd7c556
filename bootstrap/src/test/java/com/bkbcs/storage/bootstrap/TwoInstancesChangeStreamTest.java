package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on one MongoDB-wire server (each with its own embedded ZooKeeper,
 * which dynamic data does not use): writes go through both at once, a watcher on each instance
 * sees the same sequence of changes, and a write through one reaches a watcher on the other
 * within a second.
 */
class TwoInstancesChangeStreamTest {
    private static final int WRITERS = 16;
    private static final int WRITES_EACH = 10;

    @TempDir
    Path dir;
    private MongoServer mongo;
    private RunningApp first;
    private RunningApp second;
    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    @BeforeEach
    void start() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
        first = RunningApp.start(config(uri, "first"));
        second = RunningApp.start(config(uri, "second"));
    }

    private ServerConfig config(String uri, String name) {
        return new ServerConfig(0, dir.resolve(name), Optional.of(uri), "bcs_storage", Optional.empty(), "etc/cluster",
                ServerConfig.DEFAULT_MAX_BODY_BYTES);
    }

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        mongo.shutdownNow();
    }

    @Test
    void writesThroughBothInstancesReachAWatcherOnEachInTheSameOrder() throws Exception {
        Http one = new Http(first.port());
        Http two = new Http(second.port());
        String pods = ServeSuite.V1 + "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/ns/Pod";
        String watch = ServeSuite.V1 + "/k8s/dynamic/watch/clusters/" + cluster + "/Pod?since=";
        long listed = one.get(pods).body().get("revision").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try (ChangeStream onFirst = ChangeStream.open("http://127.0.0.1:" + first.port(), watch + listed);
             ChangeStream onSecond = ChangeStream.open("http://127.0.0.1:" + second.port(), watch + listed)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Http through = w % 2 == 0 ? one : two;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < WRITES_EACH; i++) {
                        assertThat(through.send("PUT", pods + "/pod-" + writer, "{\"data\":{\"i\":" + i + "}}").status())
                                .isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            long end = ChangeStream.latestRevision(two.get(pods).body());
            List<JsonNode> seenFirst = onFirst.changesThrough(end, Duration.ofSeconds(30));
            List<JsonNode> seenSecond = onSecond.changesThrough(end, Duration.ofSeconds(30));

            assertThat(seenFirst).hasSize(WRITERS * WRITES_EACH);
            assertThat(summary(seenFirst)).isEqualTo(summary(seenSecond));
            assertThat(seenFirst.stream().map(change -> change.get("revision").asLong()).toList()).isSorted()
                    .doesNotHaveDuplicates();

            long t0 = System.nanoTime();
            assertThat(one.send("PUT", pods + "/late", "{\"data\":{\"i\":-1}}").status()).isEqualTo(200);
            onSecond.changesUntil(line -> "late".equals(line.at("/object/resourceName").asText()), Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("a write through one instance reaches the other")
                    .isLessThan(Duration.ofSeconds(1));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> summary(List<JsonNode> changes) {
        return changes.stream().map(change -> change.get("revision").asLong() + " " + change.get("type").asText() + " "
                + change.at("/object/resourceName").asText() + " " + change.at("/object/data/i").asInt()).toList();
    }
}
