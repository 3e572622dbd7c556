package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link DynamicDataServeSuite} on the memory stores. */
class DynamicDataOnMemoryTest extends DynamicDataServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.memory();
    }
}
