package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watch resumes exactly where it stopped across a {@code kill -9} of the packaged server: writers
 * hammer it while a watcher reads, the process is killed, a new one starts on the same data
 * directory, and the watch resumed from the last revision it saw must bring every acknowledged
 * write it had not seen yet, once, in revision order.
 */
class ChangeStreamKillNineIT {
    private static final String CLUSTER = "BCS-K8S-WATCH-KILL9";
    private static final String PODS = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/" + CLUSTER + "/namespaces/ns/Pod/";
    private static final String WATCH = "/bcsstorage/v1/k8s/dynamic/watch/clusters/" + CLUSTER + "/Pod?since=";

    @TempDir
    Path dir;

    @Test
    void aWatchResumedAfterKillNineBringsEveryAcknowledgedWriteOnceInOrder() throws Exception {
        Path dataDir = dir.resolve("data");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<JsonNode> beforeKill;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (ServerProcess server = ServerProcess.start(dir.resolve("first.log"), "serve", "--port", "0",
                "--data-dir", dataDir.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(60));
            Http http = new Http(port);
            long listed = http.get(PODS.substring(0, PODS.length() - 1)).body().get("revision").asLong();
            ChangeStream stream = ChangeStream.open("http://127.0.0.1:" + port, WATCH + listed);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                pool.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        try {
                            if (http.send("PUT", PODS + "pod-" + writer, "{\"data\":{\"i\":" + i + "}}").status() == 200) {
                                acknowledged.add("pod-" + writer + "/" + i);
                            }
                        } catch (RuntimeException e) {
                            return null; // the server is gone
                        }
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acknowledged.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            server.kill9();
            writing.set(false);
            beforeKill = stream.changesUntilTheEnd(Duration.ofSeconds(10));
            stream.close();
        } finally {
            pool.shutdownNow();
        }
        assertThat(acknowledged).as("writes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(200);
        long last = beforeKill.isEmpty() ? 0 : beforeKill.get(beforeKill.size() - 1).get("revision").asLong();

        try (ServerProcess server = ServerProcess.start(dir.resolve("second.log"), "serve", "--port", "0",
                "--data-dir", dataDir.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(60));
            Http http = new Http(port);
            try (ChangeStream resumed = ChangeStream.open("http://127.0.0.1:" + port, WATCH + last)) {
                assertThat(http.send("PUT", PODS + "marker", "{\"data\":{\"i\":-1}}").status()).isEqualTo(200);
                List<JsonNode> afterKill = resumed.changesUntil(
                        line -> "marker".equals(line.at("/object/resourceName").asText()), Duration.ofSeconds(60));

                List<JsonNode> all = new ArrayList<>(beforeKill);
                all.addAll(afterKill);
                assertThat(all.stream().map(change -> change.get("revision").asLong()).toList())
                        .as("revisions across the restart").isSorted().doesNotHaveDuplicates();
                List<String> seen = all.stream().map(change -> change.at("/object/resourceName").asText() + "/"
                        + change.at("/object/data/i").asInt()).toList();
                assertThat(seen).as("no change twice").doesNotHaveDuplicates();
                assertThat(seen).as("every acknowledged write").containsAll(acknowledged);
            }
        }
    }
}
