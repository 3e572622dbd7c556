package com.bkbcs.storage.adapters.zookeeper.embedded;

import com.bkbcs.storage.adapters.zookeeper.ZooKeeperConnection;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperSettings;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.application.port.out.WatchStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The watch-store contract against an owner-only embedded ZooKeeper: with credentials and ACLs on
 * every znode (parents included), every operation behaves as on an open server.
 */
class OwnerOnlyWatchStoreTest extends WatchStoreContract {
    @TempDir
    static Path directory;
    private static EmbeddedZooKeeper server;
    private static ZooKeeperConnection connection;
    private static WatchStore store;

    @BeforeAll
    static void start() {
        server = EmbeddedZooKeeper.start(directory, 0, true);
        connection = ZooKeeperConnection.open(ZooKeeperSettings.of(server.connectionString())
                .withCredentials(server.credentials()));
        store = connection.watchStore("etc/cluster");
    }

    @AfterAll
    static void stop() {
        connection.close();
        server.close();
    }

    @Override
    protected WatchStore store() {
        return store;
    }
}
