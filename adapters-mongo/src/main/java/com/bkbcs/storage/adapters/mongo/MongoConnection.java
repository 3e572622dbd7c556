package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.kind.TimePaths;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One MongoDB client and the database the service uses, with every driver call bounded so that a
 * missing or frozen server turns into an UNAVAILABLE error within the operation timeout instead of a
 * hung request:
 * <ul>
 *   <li>the operation timeout (the driver's client-side operation timeout, {@code timeoutMS}) bounds
 *       each operation as a whole: server selection, the wait for a pooled connection, connecting,
 *       and the wait for the server's answer (the driver also sends it on as {@code maxTimeMS}); a
 *       streamed list is bounded per batch instead ({@link MongoQueries#perBatch}), so a long list
 *       that keeps coming is never cut;</li>
 *   <li>server selection, connecting and the pool's wait are also bounded on their own, at the
 *       operation timeout (connecting and server selection at most 5 s), and so are socket reads,
 *       for URIs that turn the operation timeout off ({@code timeoutMS=0}).</li>
 * </ul>
 * Timeouts given in the URI ({@code timeoutMS}, {@code serverSelectionTimeoutMS},
 * {@code connectTimeoutMS}, {@code socketTimeoutMS}, {@code waitQueueTimeoutMS}) win.
 */
public final class MongoConnection implements AutoCloseable {
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(5);
    static final long SERVER_SELECTION_TIMEOUT_MS = 5_000;
    static final long CONNECT_TIMEOUT_MS = 5_000;

    private final MongoClient client;
    private final MongoDatabase database;

    private MongoConnection(MongoClient client, String database) {
        this.client = client;
        this.database = client.getDatabase(database);
    }

    /** As {@link #connect(String, String, Duration)} with the default operation timeout, 5 s. */
    public static MongoConnection connect(String uri, String database) {
        return connect(uri, database, DEFAULT_OPERATION_TIMEOUT);
    }

    /**
     * Builds the client; it connects lazily, so this does not fail when the server is down.
     *
     * @param operationTimeout the longest a driver call may take (per batch for streamed lists)
     * @throws IllegalArgumentException when the URI or the database name is malformed, or the timeout
     *                                  is not positive
     */
    public static MongoConnection connect(String uri, String database, Duration operationTimeout) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(operationTimeout, "operationTimeout");
        if (operationTimeout.isNegative() || operationTimeout.isZero()) {
            throw new IllegalArgumentException("the MongoDB operation timeout must be positive: " + operationTimeout);
        }
        ConnectionString connectionString;
        try {
            connectionString = new ConnectionString(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a MongoDB connection string: " + e.getMessage());
        }
        long timeoutMs = operationTimeout.toMillis();
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(connectionString)
                .applyToClusterSettings(cluster -> {
                    if (connectionString.getServerSelectionTimeout() == null) {
                        cluster.serverSelectionTimeout(Math.min(SERVER_SELECTION_TIMEOUT_MS, timeoutMs), TimeUnit.MILLISECONDS);
                    }
                })
                .applyToConnectionPoolSettings(pool -> {
                    if (connectionString.getMaxWaitTime() == null) {
                        pool.maxWaitTime(timeoutMs, TimeUnit.MILLISECONDS);
                    }
                })
                .applyToSocketSettings(socket -> {
                    if (connectionString.getConnectTimeout() == null) {
                        socket.connectTimeout((int) Math.min(CONNECT_TIMEOUT_MS, timeoutMs), TimeUnit.MILLISECONDS);
                    }
                    if (connectionString.getSocketTimeout() == null) {
                        socket.readTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs), TimeUnit.MILLISECONDS);
                    }
                });
        if (connectionString.getTimeout() == null) {
            settings.timeout(timeoutMs, TimeUnit.MILLISECONDS);
        }
        MongoClient client = MongoClients.create(settings.build());
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

    /**
     * The dynamic-data store over this connection, for wiring code that must not see driver types;
     * time ranges on {@code timePaths} compare instants; {@code soleWriter} when no other process
     * writes the database (the embedded store).
     */
    public MongoResourceStore resourceStore(TimePaths timePaths, boolean soleWriter) {
        return new MongoResourceStore(database, timePaths, soleWriter, Clock.systemUTC(), MongoResourceStore.SETTLE_AFTER);
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
                    + " ms (" + MongoFailures.reason(e) + ")", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
