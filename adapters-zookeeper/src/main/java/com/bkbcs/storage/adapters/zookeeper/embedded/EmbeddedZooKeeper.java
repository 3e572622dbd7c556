package com.bkbcs.storage.adapters.zookeeper.embedded;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * A real, standalone ZooKeeper server in this process, for running without an external ensemble:
 * ZooKeeper's own {@link ZooKeeperServerEmbedded}, serving 127.0.0.1 only, its snapshots and
 * transaction log under {@code <directory>/data} (every transaction is fsynced before it is
 * acknowledged, so acknowledged writes survive {@code kill -9}). The admin server is off, old
 * snapshots and logs are purged hourly (three kept), and a ZooKeeper failure never exits the JVM.
 * Its threads are not daemons: always {@link #close()} it.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MS = 60_000;
    /** The name prefix of the configuration file ZooKeeperServerEmbedded writes into its base directory. */
    private static final String CONFIG_FILE_PREFIX = "zookeeper.configuration";

    private final ZooKeeperServerEmbedded server;
    private final Path directory;
    private final int port;

    private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, Path directory, int port) {
        this.server = server;
        this.directory = directory;
        this.port = port;
    }

    /** Opens (or creates) the data under {@code directory} and serves it on a free loopback port. */
    public static EmbeddedZooKeeper start(Path directory) {
        return start(directory, 0);
    }

    /**
     * Opens (or creates) the data under {@code directory} and serves it on 127.0.0.1:{@code port}
     * ({@code 0} picks a free port).
     *
     * @throws StorageException UNAVAILABLE when the directory cannot be used or the server does not start
     */
    public static EmbeddedZooKeeper start(Path directory, int port) {
        Objects.requireNonNull(directory, "directory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535");
        }
        Path base = directory.toAbsolutePath();
        int chosen;
        ZooKeeperServerEmbedded server;
        try {
            Files.createDirectories(base.resolve("data"));
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
        EmbeddedZooKeeper embedded = new EmbeddedZooKeeper(server, base, chosen);
        log.info("embedded ZooKeeper {} serving on {}", base.resolve("data"), embedded.connectionString());
        return embedded;
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
