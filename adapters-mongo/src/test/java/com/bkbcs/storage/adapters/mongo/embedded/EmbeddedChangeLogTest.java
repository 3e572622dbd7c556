package com.bkbcs.storage.adapters.mongo.embedded;

import com.bkbcs.storage.adapters.mongo.MongoConnection;
import com.bkbcs.storage.adapters.mongo.MongoResourceStore;
import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.ChangeFeedContract;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.kind.QueryKinds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The change feed contract on the embedded store the service runs on by default (H2 on disk, this process its sole writer). */
class EmbeddedChangeLogTest extends ChangeFeedContract {
    @TempDir
    static Path dataDir;
    private static EmbeddedMongoServer server;
    private static MongoConnection connection;
    private static MongoResourceStore store;

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.start(dataDir);
        connection = MongoConnection.connect(server.connectionString(), "bcs_storage");
        store = connection.resourceStore(QueryKinds.timePaths(), true);
    }

    @AfterAll
    static void stop() {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ResourceStore store() {
        return store;
    }

    @Override
    protected ChangeFeed feed() {
        return store.changes();
    }
}
