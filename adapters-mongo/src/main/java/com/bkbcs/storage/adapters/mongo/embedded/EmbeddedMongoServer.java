package com.bkbcs.storage.adapters.mongo.embedded;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The store for running without a MongoDB: mongo-java-server speaking the MongoDB wire protocol on
 * a free loopback port, its data in an H2 MVStore file ({@code <dataDir>/mongo.mv}). The Mongo
 * adapter talks to it over TCP exactly as to a real MongoDB.
 *
 * <p>Durability: H2's MVStore commits on its own only about once a second, so a process killed
 * right after acknowledged writes would lose them. The backend here commits the store after every
 * command that may write, before the reply leaves, so an acknowledged write survives
 * {@code kill -9} (not a power loss: MVStore does not fsync on commit).
 *
 * <p>Access: the port is reachable by every local user. Started {@linkplain #start(Path, boolean)
 * owner-only}, the store closes that: its directory becomes {@code rwx------}, and a connection may
 * do nothing but the handshake until it authenticates (SASL {@code PLAIN}) with a password made up
 * for this start, which only {@link #connectionString()} and the file
 * {@code <dataDir>/connection-string} (owner-only, removed on close) carry.
 *
 * <p>The server's Netty threads are not daemons: always {@link #close()} it.
 */
public final class EmbeddedMongoServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);
    static final String FILE_NAME = "mongo.mv";
    /** Where an owner-only store leaves its connection string, credentials included, for the operator. */
    static final String CONNECTION_STRING_FILE = "connection-string";
    private static final String HOST = "127.0.0.1";

    private final MongoServer server;
    private final String connectionString;
    private final Optional<Path> connectionStringFile;

    private EmbeddedMongoServer(MongoServer server, String connectionString, Optional<Path> connectionStringFile) {
        this.server = server;
        this.connectionString = connectionString;
        this.connectionStringFile = connectionStringFile;
    }

    /**
     * Opens (or creates) the store in {@code dataDir} and starts serving it on 127.0.0.1 to any
     * client.
     *
     * @throws StorageException UNAVAILABLE when the directory or the file cannot be used (for
     *                          example while another process holds the file)
     */
    public static EmbeddedMongoServer start(Path dataDir) {
        return start(dataDir, false);
    }

    /**
     * Opens (or creates) the store in {@code dataDir} and starts serving it on 127.0.0.1.
     *
     * @param ownerOnly whether only this process, and the user running it, may read and write the
     *                  data: the directory is made {@code rwx------}, and clients must authenticate
     *                  with the credentials in {@link #connectionString()}
     * @throws StorageException UNAVAILABLE when the directory or the file cannot be used (for
     *                          example while another process holds the file, or when an owner-only
     *                          directory cannot be made private)
     */
    public static EmbeddedMongoServer start(Path dataDir, boolean ownerOnly) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path file = dataDir.resolve(FILE_NAME);
        Path connectionStringFile = dataDir.resolve(CONNECTION_STRING_FILE);
        Optional<ClientCredentials> credentials = ownerOnly ? Optional.of(ClientCredentials.random()) : Optional.empty();
        CommittingH2Backend backend;
        try {
            Files.createDirectories(dataDir);
            if (ownerOnly) {
                OwnerOnlyFiles.restrictDirectory(dataDir);
            } else {
                // left by an owner-only run that was killed; its password is dead anyway
                Files.deleteIfExists(connectionStringFile);
            }
            backend = new CommittingH2Backend(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "cannot open the embedded store " + file + ": " + e.getMessage(), e);
        }
        MongoServer server = new MongoServer(credentials.<MongoBackend>map(c -> new AuthenticatingBackend(backend, c))
                .orElse(backend));
        try {
            server.bind(HOST, 0);
            String address = HOST + ":" + server.getLocalAddress().getPort();
            String connectionString = credentials.map(c -> c.connectionString(address)).orElse("mongodb://" + address);
            if (ownerOnly) {
                OwnerOnlyFiles.writePrivate(connectionStringFile, connectionString + "\n");
                log.info("embedded MongoDB-wire store {} serving on mongodb://{} to clients with the credentials in {}",
                        file, address, connectionStringFile);
            } else {
                log.info("embedded MongoDB-wire store {} serving on mongodb://{}", file, address);
            }
            return new EmbeddedMongoServer(server, connectionString,
                    ownerOnly ? Optional.of(connectionStringFile) : Optional.empty());
        } catch (IOException | RuntimeException e) {
            server.shutdownNow();
            throw new StorageException(ErrorKind.UNAVAILABLE, "cannot start the embedded store: " + e.getMessage(), e);
        }
    }

    /**
     * {@code mongodb://127.0.0.1:<port>}; for an owner-only store with the user and password of
     * this start ({@code mongodb://bcs-storage:<password>@127.0.0.1:<port>/?authMechanism=PLAIN...}),
     * so never log it.
     */
    public String connectionString() {
        return connectionString;
    }

    /** Stops serving and closes the store, which writes everything to the file. */
    @Override
    public void close() {
        server.shutdown();
        connectionStringFile.ifPresent(connectionFile -> {
            try {
                Files.deleteIfExists(connectionFile);
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", connectionFile, e.toString());
            }
        });
    }

    /**
     * An H2 backend that commits the MVStore after every command that may have written, and that
     * never changes a collection's indexes while another command runs: mongo-java-server 1.47.0
     * adds an index to a plain list that inserts and queries iterate without its lock, so a
     * {@code createIndexes} racing the first writes of a collection failed one of them with a
     * ConcurrentModificationException ("Unknown error"). Index commands take the write side of a
     * read-write lock, every other command the read side; commands still run concurrently with
     * each other.
     */
    static final class CommittingH2Backend extends H2Backend {
        /** Commands that change the set of indexes of a collection. */
        private static final Set<String> INDEX_CHANGES = Set.of("createindexes", "dropindexes", "deleteindexes",
                "drop", "dropdatabase", "renamecollection", "create");

        /** Commands that never write; everything else (including unknown commands) commits. */
        private static final Set<String> READ_ONLY = Set.of(
                "find", "getmore", "count", "distinct", "aggregate", "listcollections", "listindexes",
                "listdatabases", "ismaster", "hello", "buildinfo", "ping", "whatsmyuri", "getlasterror",
                "serverstatus", "killcursors", "endsessions", "dbstats", "collstats", "hostinfo", "getlog",
                "getcmdlineopts", "connectionstatus", "getfreemonitoringstatus", "getparameter", "explain",
                "saslstart", "saslcontinue", "authenticate", "replsetgetstatus");

        /**
         * Writes that need no commit of their own ({@code command collection}): taking revisions
         * from the counter, and inserting the change of a resource write. A commit writes everything
         * changed before it, and the resource write between the two commits, so the counter is
         * never behind a revision a stored resource carries, and an entry lost on {@code kill -9}
         * is rebuilt from the resource that carries its revision (see MongoChangeLog). Entries that
         * stand for no resource write (a revision that changed nothing or was abandoned) are
         * written by {@code update} and committed, so a revision a reader has passed is never
         * handed out again after a restart. Saves two of the three commits of each PUT.
         */
        private static final Set<String> COMMITTED_BY_NEXT_WRITE = Set.of("update counters", "insert changelog");

        private final ReadWriteLock indexLock = new ReentrantReadWriteLock();

        CommittingH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            String name = command.toLowerCase(Locale.ROOT);
            Lock lock = INDEX_CHANGES.contains(name) ? indexLock.writeLock() : indexLock.readLock();
            lock.lock();
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                try {
                    if (!READ_ONLY.contains(name) && !COMMITTED_BY_NEXT_WRITE.contains(name + " " + query.get(command))) {
                        commit();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
