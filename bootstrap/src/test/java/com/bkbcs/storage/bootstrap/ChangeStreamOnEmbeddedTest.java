package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link ChangeStreamServeSuite} on the embedded stores. */
class ChangeStreamOnEmbeddedTest extends ChangeStreamServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.embedded(dataDir);
    }
}
