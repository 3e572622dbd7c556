package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link SafetyServeSuite} on the embedded stores. */
class SafetyOnEmbeddedTest extends SafetyServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.embedded(dataDir);
    }
}
