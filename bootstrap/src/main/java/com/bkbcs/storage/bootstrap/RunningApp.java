package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.DynamicRoutes;
import com.bkbcs.storage.adapters.http.HttpServer;
import com.bkbcs.storage.adapters.http.QueryRoutes;
import com.bkbcs.storage.adapters.http.HttpSettings;
import com.bkbcs.storage.adapters.http.WatchRoutes;
import com.bkbcs.storage.adapters.mongo.MongoConnection;
import com.bkbcs.storage.adapters.mongo.embedded.EmbeddedMongoServer;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperConnection;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperSettings;
import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.service.DynamicResourceService;
import com.bkbcs.storage.application.service.QueryResourcesService;
import com.bkbcs.storage.application.service.WatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The composition root and the running service: builds adapters, services and routes with
 * {@code new}, owns every client and server, and closes them in reverse order of creation.
 */
public final class RunningApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningApp.class);

    private final Deque<AutoCloseable> resources;
    private final HttpServer http;

    private RunningApp(Deque<AutoCloseable> resources, HttpServer http) {
        this.resources = resources;
        this.http = http;
    }

    public static RunningApp start(ServerConfig config) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            String mongoUri;
            if (config.mongoUri().isPresent()) {
                mongoUri = config.mongoUri().get();
            } else {
                EmbeddedMongoServer embedded = EmbeddedMongoServer.start(createDirectories(config).resolve("mongo"));
                opened.push(embedded);
                mongoUri = embedded.connectionString();
                LOG.info("embedded store persisted under {}", config.dataDir().resolve("mongo").toAbsolutePath());
            }
            MongoConnection mongo = MongoConnection.connect(mongoUri, config.mongoDatabase());
            opened.push(mongo);
            ResourceStore resources = mongo.resourceStore();

            WatchService watch = new WatchService(openZooKeeper(config, opened).watchStore(config.zkRoot()));

            DynamicResourceService dynamic = new DynamicResourceService(resources, Clock.systemUTC());
            QueryResourcesService typedQueries = new QueryResourcesService(resources);
            HttpServer http = HttpServer.start(new HttpSettings(config.port(), config.maxBodyBytes()),
                    List.of(new DynamicRoutes(dynamic, dynamic, dynamic, dynamic, dynamic),
                            new QueryRoutes(typedQueries),
                            new WatchRoutes(watch, watch, watch, watch)));
            opened.push(http);
            return new RunningApp(opened, http);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * The ZooKeeper client for watch data: to {@code --zk-connect}, or to an embedded server persisted
     * under {@code <data-dir>/zookeeper}. Does not fail when ZooKeeper is unreachable: watch routes
     * answer 503 until it is back.
     */
    private static ZooKeeperConnection openZooKeeper(ServerConfig config, Deque<AutoCloseable> opened) {
        String connectString;
        if (config.zkConnect().isPresent()) {
            connectString = config.zkConnect().get();
        } else {
            EmbeddedZooKeeper embedded = EmbeddedZooKeeper.start(createDirectories(config).resolve("zookeeper"));
            opened.push(embedded);
            connectString = embedded.connectionString();
        }
        ZooKeeperSettings settings = new ZooKeeperSettings(connectString, config.zkSessionTimeout(),
                config.zkConnectionTimeout(), config.zkOperationTimeout());
        ZooKeeperConnection zookeeper = ZooKeeperConnection.open(settings);
        opened.push(zookeeper);
        if (!zookeeper.awaitConnected(settings.connectionTimeout())) {
            LOG.warn("ZooKeeper {} is not reachable yet; watch routes answer 503 until it is", connectString);
        }
        return zookeeper;
    }

    private static java.nio.file.Path createDirectories(ServerConfig config) {
        try {
            return Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
    }

    public int port() {
        return http.port();
    }

    @Override
    public synchronized void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
