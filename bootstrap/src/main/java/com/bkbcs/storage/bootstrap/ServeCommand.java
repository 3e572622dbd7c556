package com.bkbcs.storage.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: starts the service and runs until the process is told to stop. Every option can
 * also be set by the environment variable named in its description; a flag wins over the variable.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Start the HTTP service. Without --mongo-uri it runs an embedded MongoDB-wire-protocol store "
                + "persisted under --data-dir.")
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
            description = "ZooKeeper connection string for watch data; when absent an embedded ZooKeeper is meant "
                    + "to be used (env BCS_STORAGE_ZK_CONNECT). Watch routes are not served yet.")
    String zkConnect;

    @Option(names = "--zk-root", defaultValue = "${env:BCS_STORAGE_ZK_ROOT:-etc/cluster}",
            description = "Root znode path of watch data (env BCS_STORAGE_ZK_ROOT).")
    String zkRoot;

    @Option(names = "--max-body-size", defaultValue = "${env:BCS_STORAGE_MAX_BODY_SIZE:-8388608}",
            description = "Largest request body accepted, in bytes; larger ones get 413 (env BCS_STORAGE_MAX_BODY_SIZE).")
    long maxBodySize;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = new ServerConfig(port, dataDir, blankToEmpty(mongoUri), mongoDatabase,
                blankToEmpty(zkConnect), zkRoot, maxBodySize);
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
