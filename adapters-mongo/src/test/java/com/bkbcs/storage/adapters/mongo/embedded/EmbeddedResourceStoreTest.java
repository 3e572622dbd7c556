package com.bkbcs.storage.adapters.mongo.embedded;

import com.bkbcs.storage.adapters.mongo.MongoConnection;
import com.bkbcs.storage.adapters.mongo.MongoResourceStore;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.port.out.ResourceStoreContract;
import com.bkbcs.storage.domain.kind.QueryKinds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract against the embedded store the service runs on by default: H2 on disk, committing per write, this process its sole writer. */
class EmbeddedResourceStoreTest extends ResourceStoreContract {
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
}
