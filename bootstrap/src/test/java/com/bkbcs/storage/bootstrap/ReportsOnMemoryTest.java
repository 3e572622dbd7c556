package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link ReportsServeSuite} on the memory stores. */
class ReportsOnMemoryTest extends ReportsServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.memory();
    }
}
