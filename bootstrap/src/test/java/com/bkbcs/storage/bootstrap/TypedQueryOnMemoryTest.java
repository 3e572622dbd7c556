package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link TypedQueryServeSuite} on the memory stores. */
class TypedQueryOnMemoryTest extends TypedQueryServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.memory();
    }
}
