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

/**
 * The contract against an owner-only embedded store (as {@code serve} runs it with a token): every
 * command the adapter sends passes the authentication gate once the connection has authenticated.
 */
class OwnerOnlyResourceStoreTest extends ResourceStoreContract {
    @TempDir
    static Path dataDir;
    private static EmbeddedMongoServer server;
    private static MongoConnection connection;
    private static MongoResourceStore store;

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.start(dataDir, true);
        connection = MongoConnection.connect(server.connectionString(), "bcs_storage");
        store = new MongoResourceStore(connection.database(), QueryKinds.timePaths());
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
