package com.bkbcs.storage.adapters.mongo.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bkbcs.storage.adapters.mongo.MongoConnection;
import com.bkbcs.storage.adapters.mongo.MongoResourceStore;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.bkbcs.storage.domain.query.ResourceQuery;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMongoServerTest {
    private static final Instant NOW = Instant.parse("2024-03-01T08:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestartOnTheSameDirectory() {
        ResourceKey key = ResourceKey.namespaced("c", "ns", "Pod", "p");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoConnection connection = MongoConnection.connect(server.connectionString(), "bcs")) {
            new MongoResourceStore(connection.database(), QueryKinds.timePaths()).upsert(key, Map.of("app.kubernetes.io/name", "web"), NOW);
        }
        assertThat(dataDir.resolve("mongo.mv")).exists();

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoConnection connection = MongoConnection.connect(server.connectionString(), "bcs")) {
            MongoResourceStore store = new MongoResourceStore(connection.database(), QueryKinds.timePaths());
            assertThat(store.find(key)).hasValueSatisfying(resource -> {
                assertThat(resource.data()).isEqualTo(Map.of("app.kubernetes.io/name", "web"));
                assertThat(resource.createTime()).isEqualTo(NOW);
            });
        }
    }

    /**
     * A copy of the file taken while the server runs is what a {@code kill -9} would leave behind.
     * Without a commit per write, H2 would hold the last second of acknowledged writes in memory.
     */
    @Test
    void everyAcknowledgedWriteIsInTheFileBeforeTheReply(@TempDir Path copyDir) throws Exception {
        int count = 50;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoConnection connection = MongoConnection.connect(server.connectionString(), "bcs")) {
            MongoResourceStore store = new MongoResourceStore(connection.database(), QueryKinds.timePaths());
            for (int i = 0; i < count; i++) {
                store.upsert(ResourceKey.namespaced("c", "ns", "Pod", "p" + i), Map.of("i", i), NOW);
            }
            store.delete(ResourceKey.namespaced("c", "ns", "Pod", "p0"));

            Files.copy(dataDir.resolve("mongo.mv"), copyDir.resolve("mongo.mv"));
        }

        try (EmbeddedMongoServer crashed = EmbeddedMongoServer.start(copyDir);
             MongoConnection connection = MongoConnection.connect(crashed.connectionString(), "bcs");
             Stream<Map<String, Object>> listed = new MongoResourceStore(connection.database(), QueryKinds.timePaths())
                     .list(ResourceQuery.all(ResourceScope.namespace("c", "ns", "Pod")))) {
            assertThat(listed.map(doc -> doc.get("resourceName"))).hasSize(count - 1).doesNotContain("p0");
        }
    }

    /**
     * What MongoDB's tools see: a handshake with a wire version mongosh 2.x accepts (at least 9, see
     * EmbeddedMongoPortTest in bootstrap), {@code hello} as well as {@code isMaster}, and the
     * commands they ask for that this store does not know (mongosh asks for {@code atlasVersion} and
     * {@code getParameter} at every start) answered {@code CommandNotFound}, as MongoDB does, without
     * an error in the log.
     */
    @Test
    void speaksTheHandshakeOfMongoDb50AndAnswersUnknownCommandsWithoutLoggingAnError() {
        Logger serverLog = (Logger) LoggerFactory.getLogger("de.bwaldvogel.mongo");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        serverLog.addAppender(log);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.getInteger("maxWireVersion")).isEqualTo(13);
            assertThat(hello).doesNotContainKey("ismaster");
            assertThat(client.getDatabase("admin").runCommand(new Document("isMaster", 1)).getInteger("maxWireVersion"))
                    .isEqualTo(13);
            assertThat(client.getDatabase("admin").runCommand(new Document("buildInfo", 1)).getString("version"))
                    .isEqualTo("5.0.0");
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> client.getDatabase("admin").runCommand(new Document("atlasVersion", 1)))
                        .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(59));
            }
        } finally {
            serverLog.detachAppender(log);
        }
        assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }

    @Test
    void aPortTakenByAnotherServerIsUnavailableAndNamedAndTheFileIsFreeAgain() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedMongoServer.start(dataDir, false, taken.getLocalPort()))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir)) {
            assertThat(server.connectionString()).startsWith("mongodb://127.0.0.1:");
        }
    }

    @Test
    void aDirectoryThatCannotHoldTheStoreIsUnavailable() throws Exception {
        Path notADirectory = Files.writeString(dataDir.resolve("file"), "x");

        assertThatThrownBy(() -> EmbeddedMongoServer.start(notADirectory))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }
}
