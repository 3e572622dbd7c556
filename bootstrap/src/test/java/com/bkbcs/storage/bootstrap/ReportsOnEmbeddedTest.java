package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * {@link ReportsServeSuite} on the embedded stores, plus the same reports read back after a
 * restart. That test is embedded-only because durability is what only the embedded stores
 * promise: the memory stores go with the process by design, so a restart on them starts empty.
 */
class ReportsOnEmbeddedTest extends ReportsServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.embedded(dataDir);
    }

    @Test
    void servesEveryAreaUnderBothPrefixesAndKeepsItAcrossRestarts() throws Exception {
        Path dataDir = dir.resolve("restarts");
        try (RunningApp before = RunningApp.start(ServerConfig.embedded(dataDir))) {
            reportToEveryArea(new Http(before.port()));
        }
        try (RunningApp after = RunningApp.start(ServerConfig.embedded(dataDir))) {
            readEveryAreaBack(new Http(after.port()));
        }
    }
}
