package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link TypedQueryServeSuite} on the embedded stores. */
class TypedQueryOnEmbeddedTest extends TypedQueryServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.embedded(dataDir);
    }
}
