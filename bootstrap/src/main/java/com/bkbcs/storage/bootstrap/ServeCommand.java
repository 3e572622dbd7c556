package com.bkbcs.storage.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: starts the service and runs until the process is told to stop. Every option can
 * also be set by the environment variable named in its description; a flag wins over the variable.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Start the HTTP service. Without --mongo-uri it runs an embedded MongoDB-wire-protocol store, "
                + "without --zk-connect an embedded ZooKeeper, both persisted under --data-dir.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "${env:BCS_STORAGE_PORT:-8080}",
            description = "HTTP port; 0 picks a free one (env BCS_STORAGE_PORT).")
    int port;

    @Option(names = "--data-dir", defaultValue = "${env:BCS_STORAGE_DATA_DIR:-./data}",
            description = "Directory of the embedded stores' files (env BCS_STORAGE_DATA_DIR).")
    Path dataDir;

    @Option(names = "--mongo-uri", defaultValue = "${env:BCS_STORAGE_MONGO_URI}",
            description = "MongoDB connection string; when absent the embedded store is used (env BCS_STORAGE_MONGO_URI).")
    String mongoUri;

    @Option(names = "--mongo-database", defaultValue = "${env:BCS_STORAGE_MONGO_DATABASE:-bcs_storage}",
            description = "MongoDB database name (env BCS_STORAGE_MONGO_DATABASE).")
    String mongoDatabase;

    @Option(names = "--zk-connect", defaultValue = "${env:BCS_STORAGE_ZK_CONNECT}",
            description = "ZooKeeper connection string for watch data; when absent an embedded ZooKeeper persisted "
                    + "under --data-dir is used (env BCS_STORAGE_ZK_CONNECT).")
    String zkConnect;

    @Option(names = "--zk-root", defaultValue = "${env:BCS_STORAGE_ZK_ROOT:-etc/cluster}",
            description = "Root znode path of watch data (env BCS_STORAGE_ZK_ROOT).")
    String zkRoot;

    @Option(names = "--zk-session-timeout", defaultValue = "${env:BCS_STORAGE_ZK_SESSION_TIMEOUT:-30000}",
            description = "ZooKeeper session timeout in ms; the server clamps it to 2..20 ticks "
                    + "(env BCS_STORAGE_ZK_SESSION_TIMEOUT).")
    long zkSessionTimeout;

    @Option(names = "--zk-connection-timeout", defaultValue = "${env:BCS_STORAGE_ZK_CONNECTION_TIMEOUT:-5000}",
            description = "How long to wait for a ZooKeeper connection, in ms (env BCS_STORAGE_ZK_CONNECTION_TIMEOUT).")
    long zkConnectionTimeout;

    @Option(names = "--zk-operation-timeout", defaultValue = "${env:BCS_STORAGE_ZK_OPERATION_TIMEOUT:-5000}",
            description = "Longest a watch request waits on ZooKeeper before answering 503, in ms "
                    + "(env BCS_STORAGE_ZK_OPERATION_TIMEOUT).")
    long zkOperationTimeout;

    @Option(names = "--max-body-size", defaultValue = "${env:BCS_STORAGE_MAX_BODY_SIZE:-8388608}",
            description = "Largest request body accepted, in bytes; larger ones get 413 (env BCS_STORAGE_MAX_BODY_SIZE).")
    long maxBodySize;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = new ServerConfig(port, dataDir, blankToEmpty(mongoUri), mongoDatabase,
                blankToEmpty(zkConnect), zkRoot, maxBodySize, Duration.ofMillis(zkSessionTimeout),
                Duration.ofMillis(zkConnectionTimeout), Duration.ofMillis(zkOperationTimeout));
        RunningApp app = RunningApp.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            app.close();
            stopped.countDown();
        }, "shutdown"));
        LOG.info("bcs-storage listening on port {}", app.port());
        stopped.await();
        return 0;
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
