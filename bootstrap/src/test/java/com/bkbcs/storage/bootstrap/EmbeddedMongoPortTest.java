package com.bkbcs.storage.bootstrap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --embedded-mongo-port} puts the embedded MongoDB-wire store on a known loopback port, where
 * MongoDB's own tools can read it (docs/storage.md), and the store's handshake says a wire version
 * those tools accept.
 */
class EmbeddedMongoPortTest {
    /**
     * mongosh 2.x bundles the MongoDB Node.js driver 7, which refuses a server whose
     * {@code maxWireVersion} is below 9 (MongoDB 4.4): {@code MIN_SUPPORTED_WIRE_VERSION} in the
     * driver's {@code lib/cmap/wire_protocol/constants.js} (driver 7.9.0, bundled by mongosh 2.12.0).
     */
    private static final int MONGOSH_MIN_WIRE_VERSION = 9;

    @TempDir
    Path dir;

    @Test
    void theOptionPinsThePortWhereAMongoDbClientReadsTheCollections() throws Exception {
        int port = freeLoopbackPort();
        ServeCommand serve = ServeArguments.parse(Map.of(), "--port", "0", "--data-dir", dir.toString(),
                "--embedded-mongo-port", Integer.toString(port));
        try (RunningApp app = RunningApp.start(serve.server());
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            assertThat(new Http(app.port()).put("/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/BCS-K8S-1/"
                    + "namespaces/default/Pod/web-1", "{\"data\":{\"metadata\":{\"name\":\"web-1\"}}}").status()).isEqualTo(200);

            assertThat(client.getDatabase("bcs_storage").listCollectionNames().into(new ArrayList<>())).contains("dyn_Pod");
            Document pod = client.getDatabase("bcs_storage").getCollection("dyn_Pod").find().first();
            assertThat(pod).isNotNull();
            assertThat(pod.getString("_id")).isEqualTo("BCS-K8S-1/default/Pod/web-1");

            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.getInteger("maxWireVersion")).isGreaterThanOrEqualTo(MONGOSH_MIN_WIRE_VERSION);
            Document isMaster = client.getDatabase("admin").runCommand(new Document("isMaster", 1));
            assertThat(isMaster.getInteger("maxWireVersion")).isEqualTo(hello.getInteger("maxWireVersion"));
        }
    }

    @Test
    void theOptionIsAnErrorWhereNoEmbeddedStoreRuns() {
        assertThatThrownBy(() -> ServeArguments.parse(Map.of(), "--store", "memory", "--embedded-mongo-port", "27099").server())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--embedded-mongo-port")
                .hasMessageContaining("--store memory");
        assertThatThrownBy(() -> ServeArguments.parse(Map.of(), "--mongo-uri", "mongodb://db:27017",
                "--embedded-mongo-port", "27099").server())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mongo-uri");
        assertThat(ServeArguments.parse(Map.of()).server().embeddedMongoPort()).as("default: a free port").isZero();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
