package com.bkbcs.storage.adapters.mongo.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bkbcs.storage.adapters.mongo.MongoConnection;
import com.bkbcs.storage.adapters.mongo.MongoResourceStore;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.bkbcs.storage.domain.query.ResourceQuery;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.ConnectionCreatedEvent;
import com.mongodb.event.ConnectionPoolListener;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may use the embedded store's loopback port: with an owner-only store, only clients with the
 * credentials of this start; a plain client (another local user) can list, read and write nothing.
 */
class EmbeddedMongoAccessTest {
    private static final Instant NOW = Instant.parse("2024-03-01T08:00:00Z");
    private static final ResourceKey KEY = ResourceKey.namespaced("c", "ns", "Pod", "p");
    private static final String MARKER = "only-the-service-may-read-this";

    @TempDir
    Path dataDir;

    @Test
    void theServiceWorksThroughTheConnectionStringOfAnOwnerOnlyStore() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, true);
             MongoConnection connection = MongoConnection.connect(server.connectionString(), "bcs")) {
            MongoResourceStore store = new MongoResourceStore(connection.database(), QueryKinds.timePaths());
            store.upsert(KEY, Map.of("secret", MARKER), NOW);

            assertThat(store.find(KEY)).hasValueSatisfying(resource ->
                    assertThat(resource.data()).isEqualTo(Map.of("secret", MARKER)));
            connection.ping(Duration.ofSeconds(5));
        }
    }

    @Test
    void aClientWithoutTheCredentialsCanNeitherListNorReadNorWrite() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, true);
             MongoConnection connection = MongoConnection.connect(server.connectionString(), "bcs");
             MongoClient intruder = MongoClients.create(withoutCredentials(server))) {
            MongoResourceStore store = new MongoResourceStore(connection.database(), QueryKinds.timePaths());
            store.upsert(KEY, Map.of("secret", MARKER), NOW);
            MongoCollection<Document> pods = intruder.getDatabase("bcs").getCollection("dyn_Pod");

            assertUnauthorized(() -> intruder.listDatabaseNames().into(new ArrayList<>()));
            assertUnauthorized(() -> intruder.getDatabase("bcs").listCollectionNames().into(new ArrayList<>()));
            assertUnauthorized(() -> pods.find().first());
            assertUnauthorized(() -> pods.countDocuments());
            assertUnauthorized(() -> pods.insertOne(new Document("_id", "planted")));
            assertUnauthorized(() -> pods.deleteMany(new Document()));
            assertUnauthorized(() -> pods.drop());
            assertUnauthorized(() -> intruder.getDatabase("bcs").runCommand(new Document("serverStatus", 1)));

            try (Stream<Map<String, Object>> listed = store.list(ResourceQuery.all(ResourceScope.namespace("c", "ns", "Pod")))) {
                assertThat(listed.map(doc -> doc.get("resourceName"))).containsExactly("p");
            }
        }
    }

    /** Refusals are answers, not server errors: knocking on the port must not flood the log. */
    @Test
    void refusalsLeaveNoErrorInTheLog() {
        Logger serverLog = (Logger) LoggerFactory.getLogger("de.bwaldvogel.mongo");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        serverLog.addAppender(log);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, true);
             MongoClient intruder = MongoClients.create(withoutCredentials(server));
             MongoClient guesser = MongoClients.create(server.connectionString()
                     .replaceFirst("bcs-storage:[^@]+@", "bcs-storage:guessed@"))) {
            for (int i = 0; i < 5; i++) {
                assertUnauthorized(() -> intruder.getDatabase("bcs").getCollection("dyn_Pod").find().first());
                assertThatThrownBy(() -> guesser.listDatabaseNames().into(new ArrayList<>()))
                        .isInstanceOf(MongoSecurityException.class);
            }
        } finally {
            serverLog.detachAppender(log);
        }
        assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, true);
             MongoClient guesser = MongoClients.create(server.connectionString()
                     .replaceFirst("bcs-storage:[^@]+@", "bcs-storage:guessed@"))) {
            assertThatThrownBy(() -> guesser.listDatabaseNames().into(new ArrayList<>()))
                    .isInstanceOfSatisfying(MongoSecurityException.class, e -> assertThat(e.getCause())
                            .isInstanceOfSatisfying(MongoCommandException.class, cause -> assertThat(cause.getErrorCode()).isEqualTo(18)));
        }
    }

    /** Every pooled connection authenticates before its first command, not only the first one. */
    @Test
    void everyConnectionOfTheServicesPoolAuthenticates() throws Exception {
        AtomicInteger created = new AtomicInteger();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, true);
             MongoClient client = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(server.connectionString()))
                     .applyToConnectionPoolSettings(pool -> pool.addConnectionPoolListener(new ConnectionPoolListener() {
                         @Override
                         public void connectionCreated(ConnectionCreatedEvent event) {
                             created.incrementAndGet();
                         }
                     }))
                     .build())) {
            MongoCollection<Document> collection = client.getDatabase("bcs").getCollection("pool");
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    int n = i;
                    results.add(threads.submit(() -> {
                        collection.insertOne(new Document("_id", n));
                        return collection.find(new Document("_id", n)).first();
                    }));
                }
                for (Future<?> result : results) {
                    assertThat(result.get(30, TimeUnit.SECONDS)).isNotNull();
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(created.get()).as("pooled connections opened").isGreaterThan(1);
            assertThat(collection.countDocuments()).isEqualTo(64);
        }
    }

    /**
     * The legacy OP_QUERY path (no driver of today sends it, but anyone can) is closed as well:
     * the same probes that read the data of an open store get nothing from an owner-only one.
     */
    @Test
    void legacyQueriesAndCommandsOverOpQueryAreRefused(@TempDir Path openDir) throws Exception {
        try (EmbeddedMongoServer open = EmbeddedMongoServer.start(openDir);
             MongoConnection connection = MongoConnection.connect(open.connectionString(), "bcs")) {
            new MongoResourceStore(connection.database(), QueryKinds.timePaths()).upsert(KEY, Map.of("secret", MARKER), NOW);
            assertThat(opQuery(port(open), "bcs.dyn_Pod")).as("the probe reads an open store").contains(MARKER);
            assertThat(opQuery(port(open), "admin.$cmd", "listDatabases")).contains("databases", "bcs");
            assertThat(opQuery(port(open), "admin.$cmd", "serverStatus")).contains("uptime", "connections");
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, true);
             MongoConnection connection = MongoConnection.connect(server.connectionString(), "bcs")) {
            new MongoResourceStore(connection.database(), QueryKinds.timePaths()).upsert(KEY, Map.of("secret", MARKER), NOW);

            List<String> replies = List.of(opQuery(port(server), "bcs.dyn_Pod"), opQuery(port(server), "admin.$cmd", "listDatabases"),
                    opQuery(port(server), "admin.$cmd.sys.inprog"), opQuery(port(server), "admin.$cmd", "serverStatus"));

            // mongo-java-server answers a failed legacy request by closing the connection
            assertThat(replies).allSatisfy(reply -> assertThat(reply).isEmpty());
        }
    }

    @Test
    void theDirectoryAndTheConnectionStringFileAreTheOwnersAlone() throws Exception {
        Path file = dataDir.resolve(EmbeddedMongoServer.CONNECTION_STRING_FILE);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, true)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file).strip()).isEqualTo(server.connectionString());
            try (MongoClient operator = MongoClients.create(Files.readString(file).strip())) {
                assertThat(operator.listDatabaseNames().into(new ArrayList<>())).isNotNull();
            }
        }
        assertThat(file).as("removed on close; the next start makes up another password").doesNotExist();
    }

    @Test
    void eachStartMakesUpAnotherPassword() {
        String first;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, true)) {
            first = server.connectionString();
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, true)) {
            assertThat(password(server.connectionString())).isNotEqualTo(password(first)).hasSizeGreaterThanOrEqualTo(43);
        }
    }

    @Test
    void aStoreThatIsNotOwnerOnlyServesAnyClientAsBefore() throws Exception {
        Files.createDirectories(dataDir);
        Path stale = Files.writeString(dataDir.resolve(EmbeddedMongoServer.CONNECTION_STRING_FILE), "mongodb://old");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient anyone = MongoClients.create(server.connectionString())) {
            assertThat(server.connectionString()).doesNotContain("@");
            anyone.getDatabase("bcs").getCollection("c").insertOne(new Document("_id", 1));
            assertThat(anyone.listDatabaseNames().into(new ArrayList<>())).contains("bcs");
        }
        assertThat(stale).doesNotExist();
    }

    private static void assertUnauthorized(Executable call) {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(MongoException.class, e -> assertThat(e.getCode()).isEqualTo(13))
                .hasMessageContaining("requires authentication");
    }

    private static String withoutCredentials(EmbeddedMongoServer server) {
        return "mongodb://" + new ConnectionString(server.connectionString()).getHosts().get(0);
    }

    private static int port(EmbeddedMongoServer server) {
        String host = new ConnectionString(server.connectionString()).getHosts().get(0);
        return Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
    }

    private static String password(String connectionString) {
        return String.valueOf(new ConnectionString(connectionString).getCredential().getPassword());
    }

    /**
     * Sends one legacy OP_QUERY ({@code {}} or {@code {<command>: 1}}) and returns what came back
     * (as ISO-8859-1 text) until the reply is complete, the connection closes or 5 s pass.
     */
    private static String opQuery(int port, String collection, String... command) throws IOException {
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        if (command.length == 0) {
            document.writeBytes(new byte[]{5, 0, 0, 0, 0});
        } else {
            byte[] name = command[0].getBytes(StandardCharsets.UTF_8);
            ByteBuffer body = ByteBuffer.allocate(4 + 1 + name.length + 1 + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
            body.putInt(body.capacity()).put((byte) 0x10).put(name).put((byte) 0).putInt(1).put((byte) 0);
            document.writeBytes(body.array());
        }
        byte[] name = collection.getBytes(StandardCharsets.UTF_8);
        byte[] query = document.toByteArray();
        ByteBuffer message = ByteBuffer.allocate(16 + 4 + name.length + 1 + 8 + query.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(message.capacity()).putInt(1).putInt(0).putInt(2004)
                .putInt(0).put(name).put((byte) 0).putInt(0).putInt(0).put(query);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(message.array());
            out.flush();
            return new String(readReply(socket.getInputStream()), StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] readReply(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            byte[] lengthBytes = data.readNBytes(4);
            if (lengthBytes.length < 4) {
                return lengthBytes;
            }
            int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return data.readNBytes(length - 4);
        } catch (SocketTimeoutException e) {
            return new byte[0];
        }
    }
}
