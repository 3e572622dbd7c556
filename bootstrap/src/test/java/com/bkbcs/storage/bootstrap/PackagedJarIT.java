package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The fat jar as shipped: its help lists every option, and it serves on embedded defaults. */
class PackagedJarIT {
    @TempDir
    Path dir;

    @Test
    void serveHelpListsEveryOption() throws Exception {
        try (ServerProcess help = ServerProcess.start(dir.resolve("help.log"), "serve", "--help")) {
            assertThat(help.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(help.output()).contains("--port", "--data-dir", "--mongo-uri", "--mongo-database", "--zk-connect",
                    "--zk-root", "--max-body-size", "BCS_STORAGE_PORT", "--config", "--metrics-port", "--tls-cert",
                    "--tls-key", "--tls-client-ca", "--auth-token-file", "--shutdown-timeout", "BCS_STORAGE_SHUTDOWN_TIMEOUT",
                    "Default: 30000", "Default: 8080");
        }
    }

    @Test
    void startsOnEmbeddedDefaultsAndAnswersHealthAndData() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("serve.log"), "serve", "--port", "0",
                "--data-dir", dir.resolve("data").toString())) {
            Http http = new Http(server.awaitPort(Duration.ofSeconds(60)));
            assertThat(http.get("/healthz").status()).isEqualTo(200);
            String path = "/bcsapi/v4/storage/mesos/dynamic/cluster_resources/clusters/BCS-MESOS-1/IPPoolStatic/pool";
            assertThat(http.put(path, "{\"data\":{\"poolnum\":1}}").status()).isEqualTo(200);
            assertThat(http.get(path).body().at("/data/data/poolnum").asInt()).isEqualTo(1);
            // the start says where to go and how to stop, and nothing alarms for nothing: not the
            // indexes the embedded store ignores (once per collection) nor ZooKeeper's maxCnxns
            int port = Integer.parseInt(server.output().replaceAll("(?s).*listening on port (\\d+).*", "$1"));
            assertThat(server.output()).contains("Swagger UI http://127.0.0.1:" + port + "/docs",
                    "stop with Ctrl-C or SIGTERM", "embedded MongoDB-wire store under " + dir.resolve("data").resolve("mongo"),
                    "reads the documents of its cluster (or namespace)");
            assertThat(server.output()).doesNotContain("is not yet implemented. ignoring", "maxCnxns is not configured");
        }
    }
}
