package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged writes survive {@code kill -9}: writers hammer a real server process started from
 * the packaged jar, the process is killed mid-stream, and a new process on the same data
 * directory must return every write that had been answered with 200.
 */
class KillNineIT {
    private static final int WRITERS = 4;
    private static final String CLUSTER = "BCS-K8S-KILL9";

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        Path dataDir = dir.resolve("data");
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();

        try (ServerProcess server = ServerProcess.start(dir.resolve("first.log"), "serve", "--port", "0",
                "--data-dir", dataDir.toString())) {
            Http http = new Http(server.awaitPort(Duration.ofSeconds(60)));
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> write(http, writer, acknowledged, stop));
                thread.start();
                writers.add(thread);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acknowledged.size() < 400 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            server.kill9();
            stop.set(true);
            for (Thread thread : writers) {
                thread.join(30_000);
            }
        }
        assertThat(acknowledged.size()).as("writes acknowledged before the kill").isGreaterThanOrEqualTo(400);

        try (ServerProcess server = ServerProcess.start(dir.resolve("second.log"), "serve", "--port", "0",
                "--data-dir", dataDir.toString())) {
            Http http = new Http(server.awaitPort(Duration.ofSeconds(60)));
            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, Integer> write : acknowledged.entrySet()) {
                Http.Reply reply = http.get(path(write.getKey()));
                if (reply.status() != 200 || reply.body().at("/data/data/seq").asInt(-1) != write.getValue()) {
                    lost.add(write.getKey());
                }
            }
            assertThat(lost).as("acknowledged writes missing after kill -9").isEmpty();
        }
    }

    private static void write(Http http, int writer, Map<String, Integer> acknowledged, AtomicBoolean stop) {
        for (int seq = 0; !stop.get(); seq++) {
            String name = "w" + writer + "-" + seq;
            try {
                Http.Reply reply = http.put(path(name), "{\"data\":{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(512) + "\"}}");
                if (reply.status() == 200) {
                    acknowledged.put(name, seq);
                }
            } catch (RuntimeException e) {
                return; // the server is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String path(String name) {
        return "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/" + CLUSTER + "/namespaces/default/Pod/" + name;
    }
}
