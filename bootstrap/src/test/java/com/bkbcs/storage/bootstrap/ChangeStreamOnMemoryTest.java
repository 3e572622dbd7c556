package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link ChangeStreamServeSuite} on the memory stores. */
class ChangeStreamOnMemoryTest extends ChangeStreamServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.memory();
    }
}
