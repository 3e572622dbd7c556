package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fixtures in the API's request format, sent to a running server on the memory stores. */
class SeedingTest {
    private static RunningApp app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = RunningApp.start(ServerConfig.memory());
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void empty() {
        app.reset();
    }

    @Test
    void theDocumentedExampleSeedsEveryArea() throws Exception {
        Path example = Path.of("..", "docs", "examples", "seed-fixtures.txt");
        assertThat(Seeding.seed(example, app.port(), Optional.empty())).isEqualTo(8);
        assertThat(http.get("/bcsstorage/v1/k8s/dynamic/all_resources/clusters/BCS-K8S-1/Pod?labelSelector=app%3Dweb")
                .body().get("data")).hasSize(2);
        assertThat(http.get("/bcsstorage/v1/query/k8s/dynamic/clusters/BCS-K8S-1/node?externalID=node-1")
                .body().get("data")).hasSize(1);
        assertThat(http.get("/bcsstorage/v1/events?clusterId=BCS-K8S-1").body().get("total").asInt()).isEqualTo(1);
        assertThat(http.get("/bcsstorage/v1/alarms?clusterId=BCS-K8S-1").body().get("total").asInt()).isEqualTo(1);
        assertThat(http.get("/bcsstorage/v1/metric/clusters/BCS-K8S-1/namespaces/default/cpu/web").status()).isEqualTo(200);
        assertThat(http.get("/bcsstorage/v1/host/10.0.0.11").body().at("/data/clusterId").asText()).isEqualTo("BCS-K8S-1");
        assertThat(http.get("/bcsstorage/v1/k8s/watch/clusters/BCS-K8S-1/namespaces/default/Service/web").status())
                .isEqualTo(200);
    }

    @Test
    void aLineTheApiRefusesStopsTheSeedingAndIsNamed() throws Exception {
        String fixtures = """
                # two good lines, then a misspelt body member
                PUT /bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/c/Node/a {"data": 1}

                PUT /bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/c/Node/b {"dta": 1}
                PUT /bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/c/Node/c {"data": 1}
                """;
        assertThatThrownBy(() -> Seeding.apply("fixtures.txt", fixtures, app.port(), Optional.empty()))
                .isInstanceOf(Seeding.SeedException.class)
                .hasMessageStartingWith("fixtures.txt line 4: PUT /bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/c/Node/b "
                        + "answered 400: ")
                .hasMessageContaining("unknown body member 'dta'");
        assertThat(http.get("/bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/c/Node").body().get("data")).hasSize(1);
    }

    @Test
    void malformedLinesAreNamedBeforeAnythingIsSent() throws Exception {
        assertThatThrownBy(() -> Seeding.apply("f", "PUT /a {}\nGET /bcsstorage/v1/events\n", app.port(), Optional.empty()))
                .hasMessage("f line 2: expected PUT, POST or DELETE, a path and an optional JSON body, got: "
                        + "GET /bcsstorage/v1/events");
        assertThatThrownBy(() -> Seeding.apply("f", "PUT bcsstorage/v1/x {}", app.port(), Optional.empty()))
                .hasMessage("f line 1: the path must start with '/': bcsstorage/v1/x");
        assertThatThrownBy(() -> Seeding.apply("f", "just-one-word", app.port(), Optional.empty()))
                .hasMessageStartingWith("f line 1: expected PUT, POST or DELETE");
        assertThatThrownBy(() -> Seeding.seed(Path.of("no-such-fixtures.txt"), app.port(), Optional.empty()))
                .hasMessageStartingWith("cannot read the fixtures no-such-fixtures.txt");
        assertThat(http.get("/bcsstorage/v1/events").body().get("total").asInt()).isZero();
    }
}
