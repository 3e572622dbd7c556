package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * {@link DynamicDataServeSuite} on the embedded stores, plus the same steps across a restart. That
 * test is embedded-only because durability is what only the embedded stores promise: the memory
 * stores go with the process by design, so a restart on them starts empty.
 */
class DynamicDataOnEmbeddedTest extends DynamicDataServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.embedded(dataDir);
    }

    @Test
    void servesDynamicDataUnderBothPrefixesAndKeepsItAcrossRestarts() throws Exception {
        Path dataDir = dir.resolve("restarts");
        try (RunningApp before = RunningApp.start(ServerConfig.embedded(dataDir))) {
            putAndGetUnderBothPrefixes(new Http(before.port()));
        }
        try (RunningApp after = RunningApp.start(ServerConfig.embedded(dataDir))) {
            listAndDelete(new Http(after.port()));
        }
    }
}
