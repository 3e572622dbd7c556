package com.bkbcs.storage.adapters.mongo.embedded;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The store for running without a MongoDB: mongo-java-server speaking the MongoDB wire protocol on
 * a loopback port (a free one unless a port is given), its data in an H2 MVStore file ({@code <dataDir>/mongo.mv}). The Mongo
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
        return start(dataDir, ownerOnly, 0);
    }

    /**
     * As {@link #start(Path, boolean)}, on 127.0.0.1 port {@code port}, or on a free one when it is 0.
     *
     * @throws IllegalArgumentException when {@code port} is not within 0..65535
     * @throws StorageException UNAVAILABLE as above, and when the port is taken
     */
    public static EmbeddedMongoServer start(Path dataDir, boolean ownerOnly, int port) {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535: " + port);
        }
        Path file = dataDir.resolve(FILE_NAME);
        Path connectionStringFile = dataDir.resolve(CONNECTION_STRING_FILE);
        Optional<ClientCredentials> credentials = ownerOnly ? Optional.of(ClientCredentials.random()) : Optional.empty();
        EmbeddedBackend backend;
        try {
            Files.createDirectories(dataDir);
            if (ownerOnly) {
                OwnerOnlyFiles.restrictDirectory(dataDir);
            } else {
                // left by an owner-only run that was killed; its password is dead anyway
                Files.deleteIfExists(connectionStringFile);
            }
            backend = EmbeddedBackend.open(file);
        } catch (IOException | RuntimeException e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "cannot open the embedded store " + file + ": " + e.getMessage(), e);
        }
        MongoServer server = new MongoServer(credentials.<MongoBackend>map(c -> new AuthenticatingBackend(backend, c))
                .orElse(backend));
        try {
            server.bind(HOST, port);
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
            throw new StorageException(ErrorKind.UNAVAILABLE, "cannot start the embedded store on " + HOST + ":" + port + ": "
                    + e.getMessage(), e);
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
}
