package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/** {@link OperabilityServeSuite} on the memory stores: every port's calls are measured as store {@code memory}. */
class OperabilityOnMemoryTest extends OperabilityServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.memory();
    }

    @Override
    String storeLabel(String port) {
        return "memory";
    }
}
