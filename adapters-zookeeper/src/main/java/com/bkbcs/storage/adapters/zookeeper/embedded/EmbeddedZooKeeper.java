package com.bkbcs.storage.adapters.zookeeper.embedded;

import com.bkbcs.storage.adapters.zookeeper.DigestCredentials;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A real, standalone ZooKeeper server in this process, for running without an external ensemble:
 * ZooKeeper's own {@link ZooKeeperServerEmbedded}, serving 127.0.0.1 only, its snapshots and
 * transaction log under {@code <directory>/data} (every transaction is fsynced before it is
 * acknowledged, so acknowledged writes survive {@code kill -9}). The admin server is off, old
 * snapshots and logs are purged hourly (three kept), and a ZooKeeper failure never exits the JVM.
 * Its threads are not daemons: always {@link #close()} it.
 *
 * <p>Access: the port is reachable by every local user, and znodes are created open to everyone,
 * as consumers of watch data expect. Started {@linkplain #start(Path, int, boolean) owner-only},
 * the server is closed to others instead: its directory becomes {@code rwx------}, and every znode
 * (those of earlier runs included, set at start) has an ACL that lets in only the
 * {@linkplain #credentials() credentials} kept in {@code <directory>/credentials} (owner-only;
 * made up on the first owner-only start, kept across restarts because the ACLs are). A later start
 * that is not owner-only opens every znode to everyone again and removes the file.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MS = 60_000;
    /** The name prefix of the configuration file ZooKeeperServerEmbedded writes into its base directory. */
    private static final String CONFIG_FILE_PREFIX = "zookeeper.configuration";
    /** Where an owner-only server keeps the credentials its znodes' ACLs name. */
    static final String CREDENTIALS_FILE = "credentials";
    static final String USER = "bcs-storage";
    /** The longest wait for the connection that sets ACLs at start. */
    private static final Duration ACL_CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    private final ZooKeeperServerEmbedded server;
    private final Path directory;
    private final int port;
    private final Optional<DigestCredentials> credentials;

    private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, Path directory, int port,
                              Optional<DigestCredentials> credentials) {
        this.server = server;
        this.directory = directory;
        this.port = port;
        this.credentials = credentials;
    }

    /** Opens (or creates) the data under {@code directory} and serves it on a free loopback port to anyone. */
    public static EmbeddedZooKeeper start(Path directory) {
        return start(directory, 0);
    }

    /**
     * Opens (or creates) the data under {@code directory} and serves it on 127.0.0.1:{@code port}
     * ({@code 0} picks a free port) to anyone.
     *
     * @throws StorageException UNAVAILABLE when the directory cannot be used or the server does not start
     */
    public static EmbeddedZooKeeper start(Path directory, int port) {
        return start(directory, port, false);
    }

    /**
     * Opens (or creates) the data under {@code directory} and serves it on 127.0.0.1:{@code port}
     * ({@code 0} picks a free port).
     *
     * @param ownerOnly whether only the user running this process may read and write the data:
     *                  the directory is made {@code rwx------}, and every znode only lets in
     *                  {@link #credentials()}; otherwise every znode is open to everyone
     * @throws StorageException UNAVAILABLE when the directory cannot be used (or, owner-only, made
     *                          private), the server does not start, or the znodes' ACLs cannot be set
     */
    public static EmbeddedZooKeeper start(Path directory, int port, boolean ownerOnly) {
        Objects.requireNonNull(directory, "directory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535");
        }
        Path base = directory.toAbsolutePath();
        int chosen;
        ZooKeeperServerEmbedded server;
        try {
            Files.createDirectories(base.resolve("data"));
            if (ownerOnly) {
                OwnerOnlyFiles.restrictDirectory(base);
            }
            chosen = port == 0 ? freePort() : checkFree(port);
            server = ZooKeeperServerEmbedded.builder()
                    .baseDir(base)
                    .configuration(configuration(base, chosen))
                    .exitHandler(ExitHandler.LOG_ONLY)
                    .build();
            deleteConfigurationFiles(base);
        } catch (Exception e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "cannot set up the embedded ZooKeeper in " + base + ": "
                    + e.getMessage(), e);
        }
        try {
            server.start(START_TIMEOUT_MS);
        } catch (Exception e) {
            // no close() here: after a failed start it may block forever (ZooKeeper's own start already closed what it could)
            throw new StorageException(ErrorKind.UNAVAILABLE, "the embedded ZooKeeper did not start: " + e, e);
        }
        String connectString = HOST + ":" + chosen;
        Optional<DigestCredentials> credentials;
        try {
            credentials = ownerOnly ? Optional.of(closeToOthers(base, connectString)) : openToEveryone(base, connectString);
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            server.close();
            throw new StorageException(ErrorKind.UNAVAILABLE, "cannot set the ACLs of the embedded ZooKeeper's znodes in "
                    + base + " with the credentials in " + base.resolve(CREDENTIALS_FILE) + " (see docs/operations.md, "
                    + "Securing): " + e.getMessage(), e);
        }
        EmbeddedZooKeeper embedded = new EmbeddedZooKeeper(server, base, chosen, credentials);
        if (ownerOnly) {
            log.info("embedded ZooKeeper {} serving on {} to clients with the credentials in {}", base.resolve("data"),
                    connectString, base.resolve(CREDENTIALS_FILE));
        } else {
            log.info("embedded ZooKeeper {} serving on {}", base.resolve("data"), connectString);
        }
        return embedded;
    }

    /**
     * The credentials of {@code <base>/credentials} (made up and written first when there are
     * none), and every znode made theirs alone.
     */
    private static DigestCredentials closeToOthers(Path base, String connectString) throws IOException, InterruptedException {
        Path file = base.resolve(CREDENTIALS_FILE);
        DigestCredentials credentials;
        if (Files.exists(file)) {
            credentials = DigestCredentials.parse(Files.readString(file, StandardCharsets.UTF_8));
        } else {
            credentials = DigestCredentials.random(USER);
            // written before any ACL names them, so that a crash in between loses nothing
            OwnerOnlyFiles.writePrivate(file, credentials.text() + "\n");
        }
        int changed = ZnodeAcls.apply(connectString, credentials, credentials.acl(), ACL_CONNECTION_TIMEOUT);
        if (changed > 0) {
            log.info("{} znodes of the embedded ZooKeeper had another ACL (ZooKeeper's own, or of a run without a token); "
                    + "now only the credentials in {} reach them", changed, file);
        }
        return credentials;
    }

    /** When an owner-only run left credentials behind: every znode open to everyone again, and the credentials gone. */
    private static Optional<DigestCredentials> openToEveryone(Path base, String connectString)
            throws IOException, InterruptedException {
        Path file = base.resolve(CREDENTIALS_FILE);
        if (Files.exists(file)) {
            DigestCredentials credentials = DigestCredentials.parse(Files.readString(file, StandardCharsets.UTF_8));
            int changed = ZnodeAcls.apply(connectString, credentials, ZooDefs.Ids.OPEN_ACL_UNSAFE, ACL_CONNECTION_TIMEOUT);
            Files.delete(file);
            log.info("{} znodes of the embedded ZooKeeper were closed to other clients by an earlier run; now open to everyone",
                    changed);
        }
        return Optional.empty();
    }

    private static Properties configuration(Path base, int port) {
        Properties p = new Properties();
        p.setProperty("tickTime", "2000");
        p.setProperty("initLimit", "10");
        p.setProperty("syncLimit", "5");
        p.setProperty("dataDir", base.resolve("data").toString());
        p.setProperty("clientPort", Integer.toString(port));
        p.setProperty("clientPortAddress", HOST);
        p.setProperty("admin.enableServer", "false");
        p.setProperty("autopurge.snapRetainCount", "3");
        p.setProperty("autopurge.purgeInterval", "1");
        // transaction log files grow in steps of 4 MiB instead of 64 MiB
        p.setProperty("preAllocSize", "4096");
        p.setProperty("maxClientCnxns", "0");
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        }
    }

    private static int checkFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return port;
        } catch (IOException e) {
            throw new IOException("port " + port + " is in use", e);
        }
    }

    /** ZooKeeperServerEmbedded leaves the configuration it parsed in a new temporary file on every start. */
    private static void deleteConfigurationFiles(Path base) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(base, CONFIG_FILE_PREFIX + "*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String connectionString() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The credentials every znode's ACL names, for an owner-only server; empty when znodes are open to everyone. */
    public Optional<DigestCredentials> credentials() {
        return credentials;
    }

    /** The directory the server keeps its files under. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        server.close();
        log.info("embedded ZooKeeper on {} stopped", connectionString());
    }
}
