package com.bkbcs.storage.adapters.mongo.embedded;

import com.bkbcs.storage.adapters.mongo.MongoConnection;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.JournalContract;
import com.bkbcs.storage.domain.journal.JournalKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The journal contract against an owner-only embedded store (as {@code serve} runs it with a token). */
class OwnerOnlyJournalTest extends JournalContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    @TempDir
    static Path dataDir;
    private static EmbeddedMongoServer server;
    private static final List<MongoConnection> CONNECTIONS = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.start(dataDir, true);
    }

    @AfterAll
    static void stop() {
        CONNECTIONS.forEach(MongoConnection::close);
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Journal newJournal(JournalKind kind) {
        MongoConnection connection = MongoConnection.connect(server.connectionString(), "o" + DATABASES.incrementAndGet());
        CONNECTIONS.add(connection);
        return connection.journal(kind);
    }
}
