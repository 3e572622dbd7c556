package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;

/**
 * {@link OperabilityServeSuite} on the embedded stores: watch data is measured as store
 * {@code zookeeper}, every other port as {@code mongodb}.
 */
class OperabilityOnEmbeddedTest extends OperabilityServeSuite {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.embedded(dataDir);
    }

    @Override
    String storeLabel(String port) {
        return port.equals("WatchStore") ? "zookeeper" : "mongodb";
    }
}
