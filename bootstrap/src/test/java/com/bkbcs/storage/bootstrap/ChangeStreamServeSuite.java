package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change streams end to end: a client lists, then watches from the list's revision while 64
 * writers keep writing, and must end with exactly what is stored, having seen every change once,
 * in revision order.
 */
abstract class ChangeStreamServeSuite extends ServeSuite {
    private static final int WRITERS = 64;
    private static final int WRITES_EACH = 6;

    @Test
    void listThenWatchFromTheListsRevisionMissesNothingUnderConcurrentWriters() throws Exception {
        String pods = V1 + "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/ns/Pod";
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch halfway = new CountDownLatch(WRITERS);
        // released once the list has answered: every writer then writes once more, so changes after the
        // list exist even when the machine lets all the racing writes finish before the list is read
        CountDownLatch listedLatch = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < WRITES_EACH; i++) {
                        Http.Reply put = http.send("PUT", pods + "/pod-" + writer, "{\"data\":{\"i\":" + i + "}}");
                        assertThat(put.status()).isEqualTo(200);
                        if (i == WRITES_EACH / 2) {
                            halfway.countDown();
                        }
                    }
                    assertThat(listedLatch.await(60, TimeUnit.SECONDS)).isTrue();
                    Http.Reply last = http.send("PUT", pods + "/pod-" + writer, "{\"data\":{\"i\":" + WRITES_EACH + "}}");
                    assertThat(last.status()).isEqualTo(200);
                    return null;
                }));
            }
            assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
            Http.Reply list = http.get(pods);
            listedLatch.countDown();
            long listed = list.body().get("revision").asLong();
            Map<String, Integer> state = new HashMap<>();
            for (JsonNode item : list.body().get("data")) {
                state.put(item.get("resourceName").asText(), item.at("/data/i").asInt());
            }
            try (ChangeStream stream = ChangeStream.open("http://127.0.0.1:" + app.port(),
                    V1 + "/k8s/dynamic/watch/clusters/" + cluster + "/Pod?since=" + listed)) {
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
                Http.Reply last = http.get(pods);
                long end = ChangeStream.latestRevision(last.body());
                List<JsonNode> changes = stream.changesThrough(end, Duration.ofSeconds(60));

                List<Long> revisions = changes.stream().map(change -> change.get("revision").asLong()).toList();
                assertThat(revisions).isSorted().doesNotHaveDuplicates().allSatisfy(r -> assertThat(r).isGreaterThan(listed));
                Map<String, List<Integer>> perPod = new HashMap<>();
                for (JsonNode change : changes) {
                    assertThat(change.get("type").asText()).isIn("ADDED", "MODIFIED");
                    String name = change.at("/object/resourceName").asText();
                    int value = change.at("/object/data/i").asInt();
                    perPod.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                    state.put(name, value);
                }
                perPod.values().forEach(values -> assertThat(values).as("a pod's changes in the order written").isSorted());
                Map<String, Integer> stored = new HashMap<>();
                for (JsonNode item : last.body().get("data")) {
                    stored.put(item.get("resourceName").asText(), item.at("/data/i").asInt());
                }
                assertThat(state).as("the list plus the changes after it is what is stored").isEqualTo(stored);
                assertThat(stored).hasSize(WRITERS).allSatisfy((name, value) -> assertThat(value).isEqualTo(WRITES_EACH));
                Set<String> seen = new HashSet<>(perPod.keySet());
                assertThat(seen).as("every pod is written after the list").hasSize(WRITERS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWatchSeesAWriteAtOnceAndTheDeleteWithTheLastState() throws Exception {
        String pod = V1 + "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/ns/Pod/web";
        try (ChangeStream stream = ChangeStream.open("http://127.0.0.1:" + app.port(),
                V1 + "/k8s/dynamic/watch/clusters/" + cluster + "/Pod")) {
            Thread.sleep(200);
            long t0 = System.nanoTime();
            assertThat(http.send("PUT", pod, "{\"data\":{\"phase\":\"Running\"}}").status()).isEqualTo(200);
            JsonNode added = stream.changesUntil(line -> "ADDED".equals(line.path("type").asText()), Duration.ofSeconds(5)).get(0);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("a write reaches a watch on its instance at once")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(added.at("/object/data/phase").asText()).isEqualTo("Running");
            assertThat(http.send("DELETE", pod, null).status()).isEqualTo(200);
            JsonNode deleted = stream.changesUntil(line -> "DELETED".equals(line.path("type").asText()), Duration.ofSeconds(5))
                    .get(0);
            assertThat(deleted.at("/object/data/phase").asText()).isEqualTo("Running");
            assertThat(deleted.get("revision").asLong()).isGreaterThan(added.get("revision").asLong());
        }
    }
}
