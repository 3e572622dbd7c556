package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link SafetyServeSuite} on the memory stores. */
class SafetyOnMemoryTest extends SafetyServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.memory();
    }
}
