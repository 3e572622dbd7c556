package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link WatchServeSuite} on the memory stores. */
class WatchOnMemoryTest extends WatchServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.memory();
    }
}
