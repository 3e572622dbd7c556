package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.ops.ReadinessCheck;
import com.bkbcs.storage.adapters.mongo.MongoConnection;
import com.bkbcs.storage.adapters.mongo.MongoResourceStore;
import com.bkbcs.storage.adapters.mongo.embedded.EmbeddedMongoServer;
import com.bkbcs.storage.adapters.zookeeper.DigestCredentials;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperConnection;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperCoordination;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperSettings;
import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.kind.QueryKinds;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * MongoDB (dynamic data, events, alarms, metrics, hosts) and ZooKeeper (watch data), each embedded
 * and persisted under the data directory, or external when {@code --mongo-uri} / {@code --zk-connect}
 * name one. Every port is behind its store's {@link StoreGuard} (breaker, bulkhead, background probe)
 * and then {@link StoreMetrics}, so calls turned away are counted too; readiness is what the guards'
 * probes found. With {@code ownerOnly} (a bearer token is configured) the embedded stores admit this
 * process only.
 */
final class ServerBackends implements Backends {
    private static final Logger LOG = LoggerFactory.getLogger(ServerBackends.class);

    private final Opened opened;
    private final Stores stores;
    private final List<ReadinessCheck> readiness;
    private final String description;
    private final Optional<String> embeddedMongoUri;
    private final ZooKeeperCoordination coordination;

    private ServerBackends(Opened opened, Stores stores, List<ReadinessCheck> readiness, String description,
                           Optional<String> embeddedMongoUri, ZooKeeperCoordination coordination) {
        this.opened = opened;
        this.coordination = coordination;
        this.stores = stores;
        this.readiness = readiness;
        this.description = description;
        this.embeddedMongoUri = embeddedMongoUri;
    }

    static ServerBackends open(ServerConfig config, StoreGuardConfig guards, boolean ownerOnly, StoreMetrics metered,
                               MeterRegistry registry) {
        Opened opened = new Opened();
        try {
            String mongoUri;
            String mongoWhere;
            Optional<String> embeddedMongoUri = Optional.empty();
            if (config.mongoUri().isPresent()) {
                mongoUri = config.mongoUri().get();
                mongoWhere = "external MongoDB";
            } else {
                Path directory = createDirectories(config).resolve("mongo");
                EmbeddedMongoServer embedded = EmbeddedMongoServer.start(directory, ownerOnly, config.embeddedMongoPort());
                opened.push(embedded);
                mongoUri = embedded.connectionString();
                embeddedMongoUri = Optional.of(mongoUri);
                mongoWhere = "embedded MongoDB-wire store under " + directory.toAbsolutePath().normalize();
                LOG.info("embedded store persisted under {}; a filtered list, label selector or typed query reads "
                        + "the documents of its cluster (or namespace), and equalities on other fields do not narrow "
                        + "it further (docs/storage.md)", directory.toAbsolutePath().normalize());
            }
            MongoConnection mongo = MongoConnection.connect(mongoUri, config.mongoDatabase(), guards.mongoOperationTimeout());
            opened.push(mongo);
            StoreGuard mongoGuard = StoreGuard.start("mongodb", guards.mongoMaxConcurrentCalls(), guards.probeInterval(),
                    guards.mongoCheckTimeout(), guards.mongoOperationTimeout(), mongoCheck(mongo), registry);
            opened.push(mongoGuard);
            StoreGuard.Status mongoFirst = mongoGuard.readiness();
            if (!mongoFirst.up()) {
                LOG.warn("MongoDB ({}) is not reachable yet: {}; routes that need it answer 503 until it is, "
                        + "watch data and the health endpoints are served meanwhile", mongoWhere, mongoFirst.detail());
            }

            ZooKeeperSettings zookeeperSettings = zooKeeperSettings(config, ownerOnly, opened);
            ZooKeeperConnection zookeeper = ZooKeeperConnection.open(zookeeperSettings);
            opened.push(zookeeper);
            if (!zookeeper.awaitConnected(zookeeperSettings.connectionTimeout())) {
                LOG.warn("ZooKeeper {} is not reachable yet; watch routes answer 503 until it is",
                        zookeeperSettings.connectString());
            }
            ZooKeeperCoordination coordination = ZooKeeperCoordination.open(zookeeperSettings);
            opened.push(coordination);
            String zookeeperWhere = config.zkConnect().map(connect -> "external ZooKeeper " + connect)
                    .orElse("embedded ZooKeeper under " + config.dataDir().resolve("zookeeper").toAbsolutePath().normalize());
            Duration zkCheckTimeout = guards.checkTimeout().compareTo(config.zkOperationTimeout()) < 0
                    ? guards.checkTimeout() : config.zkOperationTimeout();
            StoreGuard zookeeperGuard = StoreGuard.start("zookeeper", guards.zkMaxConcurrentCalls(), guards.probeInterval(),
                    zkCheckTimeout, config.zkOperationTimeout(), zookeeperCheck(zookeeper), registry);
            opened.push(zookeeperGuard);

            // the embedded store is opened by this process alone; an external one may be shared by several
            MongoResourceStore resources = mongo.resourceStore(QueryKinds.timePaths(), config.mongoUri().isEmpty());
            Stores stores = new Stores(
                    outbound(metered, mongoGuard, ResourceStore.class, "ResourceStore", resources),
                    outbound(metered, mongoGuard, ChangeFeed.class, "ChangeFeed", resources.changes()),
                    outbound(metered, mongoGuard, Journal.class, "EventJournal", mongo.journal(JournalKind.EVENTS)),
                    outbound(metered, mongoGuard, Journal.class, "AlarmJournal", mongo.journal(JournalKind.ALARMS)),
                    outbound(metered, mongoGuard, MetricStore.class, "MetricStore", mongo.metricStore()),
                    outbound(metered, mongoGuard, HostStore.class, "HostStore", mongo.hostStore()),
                    outbound(metered, zookeeperGuard, WatchStore.class, "WatchStore", zookeeper.watchStore(config.zkRoot())));
            return new ServerBackends(opened, stores, List.of(readiness(mongoGuard), readiness(zookeeperGuard)),
                    mongoWhere + ", " + zookeeperWhere, embeddedMongoUri, coordination);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    @Override
    public Stores stores() {
        return stores;
    }

    @Override
    public List<ReadinessCheck> readiness() {
        return readiness;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Optional<String> embeddedMongoUri() {
        return embeddedMongoUri;
    }

    @Override
    public Optional<ZooKeeperCoordination> coordination() {
        return Optional.of(coordination);
    }

    @Override
    public Optional<Runnable> reset() {
        return Optional.empty();
    }

    @Override
    public void close() {
        opened.close();
    }

    /**
     * How to reach ZooKeeper: {@code --zk-connect}, or an embedded server started here and persisted
     * under {@code <data-dir>/zookeeper} (owner-only when {@code ownerOnly}). Opening clients on
     * these never fails when ZooKeeper is unreachable: watch routes answer 503 until it is back.
     */
    private static ZooKeeperSettings zooKeeperSettings(ServerConfig config, boolean ownerOnly, Opened opened) {
        String connectString;
        Optional<DigestCredentials> credentials = Optional.empty();
        if (config.zkConnect().isPresent()) {
            connectString = config.zkConnect().get();
        } else {
            EmbeddedZooKeeper embedded = EmbeddedZooKeeper.start(createDirectories(config).resolve("zookeeper"), 0, ownerOnly);
            opened.push(embedded);
            connectString = embedded.connectionString();
            credentials = embedded.credentials();
        }
        return new ZooKeeperSettings(connectString, config.zkSessionTimeout(), config.zkConnectionTimeout(),
                config.zkOperationTimeout()).withCredentials(credentials);
    }

    /**
     * An outbound port of a store: its adapter behind the store's guard (breaker and bulkhead), behind
     * the metrics decorator, so calls turned away are counted too.
     */
    private static <T> T outbound(StoreMetrics metered, StoreGuard guard, Class<T> port, String portLabel, T adapter) {
        return metered.meter(port, portLabel, guard.store(), guard.guard(port, adapter));
    }

    /** MongoDB answers a {@code ping} in time. */
    private static StoreGuard.Check mongoCheck(MongoConnection mongo) {
        return timeout -> {
            try {
                mongo.ping(timeout);
                return StoreGuard.Status.up("ping answered");
            } catch (StorageException e) {
                return StoreGuard.Status.down(e.getMessage());
            }
        };
    }

    /** The ZooKeeper client is connected and the server answers in time; the detail is the connection state. */
    private static StoreGuard.Check zookeeperCheck(ZooKeeperConnection zookeeper) {
        return timeout -> {
            try {
                zookeeper.ping(timeout);
                return StoreGuard.Status.up(zookeeper.state());
            } catch (StorageException e) {
                return StoreGuard.Status.down(zookeeper.isConnected() ? e.getMessage() : zookeeper.state());
            }
        };
    }

    /** What the store's guard knows now: {@code /readyz} never waits on a store. */
    private static ReadinessCheck readiness(StoreGuard guard) {
        return ReadinessCheck.of(guard.store(), () -> {
            StoreGuard.Status status = guard.readiness();
            return new ReadinessCheck.Result(status.up(), status.detail());
        });
    }

    private static Path createDirectories(ServerConfig config) {
        try {
            return Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
    }

}
