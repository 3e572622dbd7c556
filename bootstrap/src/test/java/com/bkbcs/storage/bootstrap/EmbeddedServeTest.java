package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole application on embedded defaults, driven over HTTP. */
class EmbeddedServeTest {
    @TempDir
    Path dataDir;

    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    @Test
    void servesDynamicDataUnderBothPrefixesAndKeepsItAcrossRestarts() throws Exception {
        String resource = "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/default/Pod/web-1";
        String data = "{\"data\":{\"metadata\":{\"name\":\"web-1\",\"labels\":{\"app.kubernetes.io/name\":\"web\"}}}}";

        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dataDir))) {
            Http http = new Http(app.port());
            assertThat(http.get("/healthz").status()).isEqualTo(200);
            Http.Reply put = http.put("/bcsstorage/v1" + resource, data);
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.body().get("result").asBoolean()).isTrue();

            Http.Reply got = http.get("/bcsapi/v4/storage" + resource);
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.body().at("/data/data/metadata/labels/app.kubernetes.io~1name").asText()).isEqualTo("web");
            assertThat(got.body().at("/data/_id").asText()).isEqualTo(cluster + "/default/Pod/web-1");
        }

        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dataDir))) {
            Http http = new Http(app.port());
            Http.Reply list = http.get("/bcsstorage/v1/k8s/dynamic/all_resources/clusters/" + cluster + "/Pod");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body().get("data")).hasSize(1);
            assertThat(list.body().at("/data/0/resourceName").asText()).isEqualTo("web-1");

            assertThat(http.delete("/bcsstorage/v1" + resource).status()).isEqualTo(200);
            Http.Reply gone = http.get("/bcsstorage/v1" + resource);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.body().get("code").asInt()).isEqualTo(10004);
        }
    }
}
