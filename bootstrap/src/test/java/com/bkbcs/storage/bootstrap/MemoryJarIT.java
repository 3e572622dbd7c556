package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as another team's CI runs it: {@code serve --store memory --port 0 --port-file p
 * --seed fixtures} in an empty directory answers on the port in {@code p} with the fixtures loaded,
 * writes no file but {@code p}, and resets on {@code POST /testing/reset}; a fixture the API
 * refuses stops the start with a message naming its line.
 */
class MemoryJarIT {
    @TempDir
    Path dir;

    @Test
    void startsOnTheMemoryStoresSeededAndWritesNothingButThePortFile() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path portFile = work.resolve("p");
        Path fixtures = Files.writeString(dir.resolve("fixtures.txt"), """
                PUT /bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/c1/namespaces/ns/Pod/web {"data": {"metadata": {"name": "web"}}}
                PUT /bcsstorage/v1/events {"clusterId": "c1", "eventTime": 1}
                """);
        Instant started = Instant.now();
        try (ServerProcess server = ServerProcess.startIn(work, dir.resolve("serve.log"), "serve", "--store", "memory",
                "--port", "0", "--port-file", portFile.toString(), "--seed", fixtures.toString())) {
            while (!Files.exists(portFile)) {
                assertThat(Duration.between(started, Instant.now())).as(server.output()).isLessThan(Duration.ofSeconds(60));
                Thread.sleep(20);
            }
            Duration untilPortFile = Duration.between(started, Instant.now());
            int port = Integer.parseInt(Files.readString(portFile).strip());
            Http http = new Http(port);
            assertThat(http.get("/readyz").status()).isEqualTo(200);
            String pod = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/c1/namespaces/ns/Pod/web";
            assertThat(http.get(pod).body().at("/data/data/metadata/name").asText()).isEqualTo("web");
            assertThat(http.get("/bcsstorage/v1/events?clusterId=c1").body().get("total").asInt()).isEqualTo(1);
            assertThat(http.send("POST", "/testing/reset", null).status()).isEqualTo(200);
            assertThat(http.get(pod).status()).isEqualTo(404);
            assertThat(server.output()).contains("in-memory stores", "seeded 2 requests");
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files).containsExactly(portFile);
            }
            System.out.printf("memory store: process start to port file in %d ms%n", untilPortFile.toMillis());
        }
    }

    @Test
    void aRefusedFixtureStopsTheStartNamingItsLine() throws Exception {
        Path fixtures = Files.writeString(dir.resolve("bad.txt"), """
                # the second request misspells data
                PUT /bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/c1/Node/a {"data": 1}
                PUT /bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/c1/Node/b {"dat": 1}
                """);
        Path portFile = dir.resolve("p");
        try (ServerProcess server = ServerProcess.start(dir.resolve("bad.log"), "serve", "--store", "memory", "--port", "0",
                "--port-file", portFile.toString(), "--seed", fixtures.toString())) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output()).contains(fixtures + " line 3: PUT ").contains("unknown body member 'dat'");
            assertThat(portFile).doesNotExist();
        }
    }
}
