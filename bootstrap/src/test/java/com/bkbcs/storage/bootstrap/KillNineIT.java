package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

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
        AcknowledgedWriters writers;

        try (ServerProcess server = ServerProcess.start(dir.resolve("first.log"), "serve", "--port", "0",
                "--data-dir", dataDir.toString())) {
            Http http = new Http(server.awaitPort(Duration.ofSeconds(60)));
            writers = AcknowledgedWriters.start(http, CLUSTER, WRITERS, "x".repeat(512));
            writers.awaitAcknowledged(400, Duration.ofSeconds(30));
            server.kill9();
            writers.close();
        }
        assertThat(writers.acknowledgedCount()).as("writes acknowledged before the kill").isGreaterThanOrEqualTo(400);

        try (ServerProcess server = ServerProcess.start(dir.resolve("second.log"), "serve", "--port", "0",
                "--data-dir", dataDir.toString())) {
            Http http = new Http(server.awaitPort(Duration.ofSeconds(60)));
            assertThat(writers.missingFrom(http)).as("acknowledged writes missing after kill -9").isEmpty();
        }
    }
}
