package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole application on the memory stores ({@code serve --store memory}): every area works,
 * nothing is written anywhere, {@code /readyz} is ready, and {@code POST /testing/reset} (served
 * only there) empties every store.
 */
class MemoryServeTest {
    private static final String V1 = "/bcsstorage/v1";
    private static final String POD = V1 + "/k8s/dynamic/namespace_resources/clusters/c1/namespaces/ns/Pod/web";
    private static final String WATCH = V1 + "/k8s/watch/clusters/c1/namespaces/ns/Service/web";
    private static final String METRIC = V1 + "/metric/clusters/c1/namespaces/ns/cpu/web";
    private static final String HOST = V1 + "/host/10.0.0.1";

    @TempDir
    Path dir;

    private static ServerConfig memoryIn(Path dataDir) {
        ServerConfig memory = ServerConfig.memory();
        return new ServerConfig(0, dataDir, Optional.empty(), memory.mongoDatabase(), Optional.empty(), memory.zkRoot(),
                memory.maxBodyBytes(), memory.zkSessionTimeout(), memory.zkConnectionTimeout(), memory.zkOperationTimeout(),
                ServerConfig.StoreKind.MEMORY);
    }

    private static void writeEverywhere(Http http) throws InterruptedException {
        assertThat(http.put(POD, "{\"data\": {\"metadata\": {\"name\": \"web\"}}}").status()).isEqualTo(200);
        assertThat(http.put(WATCH, "{\"data\": {\"spec\": {}}}").status()).isEqualTo(200);
        assertThat(http.put(METRIC, "{\"data\": 1}").status()).isEqualTo(200);
        assertThat(http.put(HOST, "{\"clusterId\": \"c1\"}").status()).isEqualTo(200);
        assertThat(http.put(V1 + "/events", "{\"clusterId\": \"c1\", \"eventTime\": 1}").status()).isEqualTo(200);
        assertThat(http.send("POST", V1 + "/alarms", "{\"clusterId\": \"c1\", \"receivedTime\": 1}").status()).isEqualTo(200);
    }

    private static void assertEverywhere(Http http, boolean present) throws InterruptedException {
        int one = present ? 200 : 404;
        assertThat(http.get(POD).status()).isEqualTo(one);
        assertThat(http.get(WATCH).status()).isEqualTo(one);
        assertThat(http.get(METRIC).status()).isEqualTo(one);
        assertThat(http.get(HOST).status()).isEqualTo(one);
        int entries = present ? 1 : 0;
        assertThat(http.get(V1 + "/events?clusterId=c1").body().get("data")).hasSize(entries);
        assertThat(http.get(V1 + "/alarms?clusterId=c1").body().get("data")).hasSize(entries);
        assertThat(http.get(V1 + "/k8s/dynamic/all_resources/clusters/c1/Pod").body().get("data")).hasSize(entries);
    }

    @Test
    void servesEveryAreaWritesNothingAndResetsEveryStore() throws Exception {
        Path dataDir = dir.resolve("never-created");
        try (RunningApp app = RunningApp.start(memoryIn(dataDir))) {
            Http http = new Http(app.port());
            Http.Reply ready = http.get("/readyz");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body().at("/data/checks/memory/status").asText()).isEqualTo("UP");
            assertThat(app.stores()).startsWith("in-memory stores");

            writeEverywhere(http);
            assertEverywhere(http, true);
            Http.Reply reset = http.send("POST", "/testing/reset", null);
            assertThat(reset.status()).isEqualTo(200);
            assertThat(reset.body().get("result").asBoolean()).isTrue();
            assertEverywhere(http, false);

            writeEverywhere(http);
            app.reset();
            assertEverywhere(http, false);
            assertThat(http.send("POST", "/testing/reset?all=1", null).status()).as("unknown parameter").isEqualTo(400);
        }
        assertThat(dataDir).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void hostNamesTheAddressTheApiListensOn() throws Exception {
        try (RunningApp app = RunningApp.start(ServerConfig.memory(), OperabilityConfig.defaults().withHost("127.0.0.1"))) {
            assertThat(new Http(app.port()).get("/healthz").status()).isEqualTo(200);
        }
        // an address of no interface of this machine (TEST-NET-3) cannot be listened on: the host is used
        assertThatThrownBy(() -> RunningApp.start(ServerConfig.memory(), OperabilityConfig.defaults().withHost("203.0.113.7")))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void hostIsAlsoTheAddressOfTheMetricsPort() throws Exception {
        // 127.0.0.2 is a loopback address of its own on Linux: listening there, nothing answers on 127.0.0.1
        try (RunningApp app = RunningApp.start(ServerConfig.memory(),
                OperabilityConfig.defaults().withHost("127.0.0.2").withMetricsPort(0))) {
            int metrics = app.metricsPort().orElseThrow();
            try (java.net.Socket socket = new java.net.Socket("127.0.0.2", metrics)) {
                assertThat(socket.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", metrics).close())
                    .as("the metrics port does not listen on every address").isInstanceOf(java.net.ConnectException.class);
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", app.port()).close())
                    .as("nor does the API").isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void storesThatHoldRealDataHaveNoReset() throws Exception {
        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dir))) {
            Http http = new Http(app.port());
            assertThat(http.put(POD, "{\"data\": 1}").status()).isEqualTo(200);
            Http.Reply reset = http.send("POST", "/testing/reset", null);
            assertThat(reset.status()).isEqualTo(404);
            assertThat(http.get(POD).status()).isEqualTo(200);
            assertThatThrownBy(app::reset).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void memoryCannotBeCombinedWithExternalStores() {
        ServerConfig memory = ServerConfig.memory();
        assertThatThrownBy(() -> new ServerConfig(0, dir, Optional.of("mongodb://db:27017"), "bcs", Optional.empty(), "r",
                memory.maxBodyBytes(), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5),
                ServerConfig.StoreKind.MEMORY)).hasMessageContaining("--store memory").hasMessageContaining("--mongo-uri");
        assertThatThrownBy(() -> new ServerConfig(0, dir, Optional.empty(), "bcs", Optional.of("zk:2181"), "r",
                memory.maxBodyBytes(), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5),
                ServerConfig.StoreKind.MEMORY)).hasMessageContaining("--zk-connect");
    }

    @Test
    void theStoreOptionReadsMemoryAndEmbedded() {
        assertThat(ServeArguments.parse(java.util.Map.of()).store).isEqualTo(ServerConfig.StoreKind.EMBEDDED);
        assertThat(ServeArguments.parse(java.util.Map.of(), "--store", "memory").store).isEqualTo(ServerConfig.StoreKind.MEMORY);
        assertThat(ServeArguments.parse(java.util.Map.of("BCS_STORAGE_STORE", "Memory")).store)
                .isEqualTo(ServerConfig.StoreKind.MEMORY);
        assertThatThrownBy(() -> ServeArguments.parse(java.util.Map.of(), "--store", "disk"))
                .hasMessageContaining("'disk' is not a store: memory or embedded");
    }
}
