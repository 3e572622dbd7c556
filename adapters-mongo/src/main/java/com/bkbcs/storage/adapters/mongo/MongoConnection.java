package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One MongoDB client and the database the service uses. Timeouts are bounded so that a missing
 * server turns into an UNAVAILABLE error within seconds instead of a hung request: server
 * selection 5 s, connect 5 s, read 30 s. Timeouts given in the URI
 * ({@code serverSelectionTimeoutMS}, {@code connectTimeoutMS}, {@code socketTimeoutMS}) win.
 */
public final class MongoConnection implements AutoCloseable {
    static final int SERVER_SELECTION_TIMEOUT_MS = 5_000;
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 30_000;

    private final MongoClient client;
    private final MongoDatabase database;

    private MongoConnection(MongoClient client, String database) {
        this.client = client;
        this.database = client.getDatabase(database);
    }

    /**
     * Builds the client; it connects lazily, so this does not fail when the server is down.
     *
     * @throws IllegalArgumentException when the URI or the database name is malformed
     */
    public static MongoConnection connect(String uri, String database) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(database, "database");
        ConnectionString connectionString;
        try {
            connectionString = new ConnectionString(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a MongoDB connection string: " + e.getMessage());
        }
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(connectionString)
                .applyToClusterSettings(cluster -> {
                    if (connectionString.getServerSelectionTimeout() == null) {
                        cluster.serverSelectionTimeout(SERVER_SELECTION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    }
                })
                .applyToSocketSettings(socket -> {
                    if (connectionString.getConnectTimeout() == null) {
                        socket.connectTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    }
                    if (connectionString.getSocketTimeout() == null) {
                        socket.readTimeout(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    }
                })
                .build();
        MongoClient client = MongoClients.create(settings);
        try {
            return new MongoConnection(client, database);
        } catch (RuntimeException e) {
            client.close();
            throw new IllegalArgumentException("not a MongoDB database name: " + database + ": " + e.getMessage());
        }
    }

    public MongoDatabase database() {
        return database;
    }

    /** The dynamic-data store over this connection, for wiring code that must not see driver types. */
    public ResourceStore resourceStore() {
        return new MongoResourceStore(database);
    }

    /** The journal of events or alarms over this connection. */
    public Journal journal(JournalKind kind) {
        return new MongoJournal(database, kind);
    }

    /** The metric store over this connection. */
    public MetricStore metricStore() {
        return new MongoMetricStore(database);
    }

    /** The host store over this connection. */
    public HostStore hostStore() {
        return new MongoHostStore(database);
    }

    /**
     * Asks the server for a {@code ping} within {@code timeout} (server selection included), for
     * readiness checks. Failures are not logged here: a probe that runs every few seconds while the
     * database is away would flood the log.
     *
     * @throws StorageException UNAVAILABLE when the server does not answer in time, or answers with an error
     */
    public void ping(Duration timeout) {
        try {
            database.withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "MongoDB did not answer a ping within " + timeout.toMillis()
                    + " ms: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
