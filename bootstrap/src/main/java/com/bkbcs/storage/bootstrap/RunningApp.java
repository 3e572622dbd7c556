package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.journal.AlarmRoutes;
import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.journal.EventRoutes;
import com.bkbcs.storage.adapters.http.host.HostRoutes;
import com.bkbcs.storage.adapters.http.metric.MetricRoutes;
import com.bkbcs.storage.adapters.http.HttpServer;
import com.bkbcs.storage.adapters.http.query.QueryRoutes;
import com.bkbcs.storage.adapters.http.HttpSettings;
import com.bkbcs.storage.adapters.http.ops.BearerToken;
import com.bkbcs.storage.adapters.http.ops.Management;
import com.bkbcs.storage.adapters.http.ops.ReadinessCheck;
import com.bkbcs.storage.adapters.http.ops.TlsSettings;
import com.bkbcs.storage.adapters.http.watch.WatchRoutes;
import com.bkbcs.storage.adapters.mongo.MongoConnection;
import com.bkbcs.storage.adapters.mongo.embedded.EmbeddedMongoServer;
import com.bkbcs.storage.adapters.zookeeper.DigestCredentials;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperConnection;
import com.bkbcs.storage.adapters.zookeeper.ZooKeeperSettings;
import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase;
import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.RetentionPolicy;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.bkbcs.storage.application.service.AlarmService;
import com.bkbcs.storage.application.service.DynamicResourceService;
import com.bkbcs.storage.application.service.EventService;
import com.bkbcs.storage.application.service.HostService;
import com.bkbcs.storage.application.service.MetricService;
import com.bkbcs.storage.application.service.QueryResourcesService;
import com.bkbcs.storage.application.service.RetentionService;
import com.bkbcs.storage.application.service.WatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root and the running service: builds adapters, services and routes with
 * {@code new}, owns every client and server, and closes them in reverse order of creation.
 *
 * <p>Operability is wired here too: one Prometheus registry with JVM metrics, the HTTP server's
 * request metrics, and every outbound port wrapped by {@link StoreMetrics} around a {@link StoreGuard}
 * of its store (circuit breaker, bulkhead, background probe); readiness from what the guards' probes
 * found (a MongoDB ping, ZooKeeper's connection state and a ping); TLS, the bearer token, the
 * shutdown timeout, and a second server for {@code --metrics-port}. Closing stops the HTTP servers first (gracefully,
 * so requests in flight still reach the stores), then the stores, then the registry.
 *
 * <p>With a bearer token the embedded stores are owner-only, so that their loopback ports are no
 * way around the token: only this process (and the user running it) can read or write them.
 */
public final class RunningApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningApp.class);

    private final Deque<AutoCloseable> resources;
    private final HttpServer http;
    private final Optional<HttpServer> metricsServer;
    private final EnforceRetentionUseCase retention;

    private RunningApp(Deque<AutoCloseable> resources, HttpServer http, Optional<HttpServer> metricsServer,
                       EnforceRetentionUseCase retention) {
        this.resources = resources;
        this.http = http;
        this.metricsServer = metricsServer;
        this.retention = retention;
    }

    public static RunningApp start(ServerConfig config) {
        return start(config, OperabilityConfig.defaults());
    }

    public static RunningApp start(ServerConfig config, OperabilityConfig operability) {
        return start(config, operability, RetentionConfig.defaults());
    }

    public static RunningApp start(ServerConfig config, OperabilityConfig operability, RetentionConfig retentionConfig) {
        return start(config, operability, retentionConfig, RequestConfig.defaults());
    }

    public static RunningApp start(ServerConfig config, OperabilityConfig operability, RetentionConfig retentionConfig,
                                   RequestConfig requests) {
        return start(config, operability, retentionConfig, requests, StoreGuardConfig.defaults());
    }

    public static RunningApp start(ServerConfig config, OperabilityConfig operability, RetentionConfig retentionConfig,
                                   RequestConfig requests, StoreGuardConfig guards) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            opened.push(registry::close);
            bindJvmMetrics(registry, opened);
            StoreMetrics metered = new StoreMetrics(registry);
            boolean ownerOnlyStores = operability.authTokenFile().isPresent();
            String mongoUri;
            if (config.mongoUri().isPresent()) {
                mongoUri = config.mongoUri().get();
            } else {
                EmbeddedMongoServer embedded = EmbeddedMongoServer.start(createDirectories(config).resolve("mongo"),
                        ownerOnlyStores);
                opened.push(embedded);
                mongoUri = embedded.connectionString();
                LOG.info("embedded store persisted under {}", config.dataDir().resolve("mongo").toAbsolutePath());
            }
            MongoConnection mongo = MongoConnection.connect(mongoUri, config.mongoDatabase(), guards.mongoOperationTimeout());
            opened.push(mongo);
            StoreGuard mongoGuard = StoreGuard.start("mongodb", guards.mongoMaxConcurrentCalls(), guards.probeInterval(),
                    guards.mongoCheckTimeout(), guards.mongoOperationTimeout(), mongoCheck(mongo), registry);
            opened.push(mongoGuard);
            ResourceStore resources = outbound(metered, mongoGuard, ResourceStore.class, "ResourceStore",
                    mongo.resourceStore());
            Journal eventJournal = outbound(metered, mongoGuard, Journal.class, "EventJournal",
                    mongo.journal(JournalKind.EVENTS));
            Journal alarmJournal = outbound(metered, mongoGuard, Journal.class, "AlarmJournal",
                    mongo.journal(JournalKind.ALARMS));
            MetricStore metricStore = outbound(metered, mongoGuard, MetricStore.class, "MetricStore", mongo.metricStore());
            HostStore hostStore = outbound(metered, mongoGuard, HostStore.class, "HostStore", mongo.hostStore());

            ZooKeeperConnection zookeeper = openZooKeeper(config, ownerOnlyStores, opened);
            Duration zkCheckTimeout = guards.checkTimeout().compareTo(config.zkOperationTimeout()) < 0
                    ? guards.checkTimeout() : config.zkOperationTimeout();
            StoreGuard zookeeperGuard = StoreGuard.start("zookeeper", guards.zkMaxConcurrentCalls(), guards.probeInterval(),
                    zkCheckTimeout, config.zkOperationTimeout(), zookeeperCheck(zookeeper), registry);
            opened.push(zookeeperGuard);
            WatchService watch = new WatchService(outbound(metered, zookeeperGuard, WatchStore.class, "WatchStore",
                    zookeeper.watchStore(config.zkRoot())));
            List<ReadinessCheck> readiness = List.of(readiness(mongoGuard), readiness(zookeeperGuard));
            Management management = new Management(registry, Optional.of(registry::scrape), readiness);

            DynamicResourceService dynamic = new DynamicResourceService(resources, Clock.systemUTC());
            QueryResourcesService typedQueries = new QueryResourcesService(resources);
            EventService events = new EventService(eventJournal, Clock.systemUTC());
            AlarmService alarms = new AlarmService(alarmJournal, Clock.systemUTC());
            MetricService metrics = new MetricService(metricStore, Clock.systemUTC());
            HostService hosts = new HostService(hostStore, Clock.systemUTC());
            HttpServer http = HttpServer.start(httpSettings(config, operability, requests),
                    List.of(new DynamicRoutes(dynamic, dynamic, dynamic, dynamic, dynamic),
                            new QueryRoutes(typedQueries),
                            new WatchRoutes(watch, watch, watch, watch),
                            new EventRoutes(events, events),
                            new AlarmRoutes(alarms, alarms),
                            new MetricRoutes(metrics, metrics, metrics, metrics, metrics),
                            new HostRoutes(hosts, hosts, hosts, hosts, hosts)),
                    operability.metricsPort().isPresent() ? management.withoutScrape() : management);
            opened.push(http);
            Optional<HttpServer> metricsServer = operability.metricsPort().map(port ->
                    HttpServer.startManagement(port, management, operability.shutdownTimeout()));
            metricsServer.ifPresent(server -> {
                opened.push(server);
                LOG.info("metrics on port {}", server.port());
            });
            RetentionService retention = retention(retentionConfig, eventJournal, alarmJournal, opened);
            return new RunningApp(opened, http, metricsServer, retention);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Retention of events and alarms, run by a background schedule (stopped first on close) unless
     * both policies keep everything.
     */
    private static RetentionService retention(RetentionConfig config, Journal events, Journal alarms,
                                              Deque<AutoCloseable> opened) {
        Map<Journal, RetentionPolicy> policies = new LinkedHashMap<>();
        policies.put(events, config.events());
        policies.put(alarms, config.alarms());
        RetentionService retention = new RetentionService(policies, Clock.systemUTC());
        if (config.keepsEverything()) {
            LOG.info("retention is off: events and alarms are kept forever");
        } else {
            opened.push(RetentionSchedule.start(retention, config.firstRun(), config.period()));
            LOG.info("retention: {}", config.describe());
        }
        return retention;
    }

    /**
     * The ZooKeeper client for watch data: to {@code --zk-connect}, or to an embedded server persisted
     * under {@code <data-dir>/zookeeper} (owner-only when {@code ownerOnly}). Does not fail when
     * ZooKeeper is unreachable: watch routes answer 503 until it is back.
     */
    private static ZooKeeperConnection openZooKeeper(ServerConfig config, boolean ownerOnly, Deque<AutoCloseable> opened) {
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
        ZooKeeperSettings settings = new ZooKeeperSettings(connectString, config.zkSessionTimeout(),
                config.zkConnectionTimeout(), config.zkOperationTimeout()).withCredentials(credentials);
        ZooKeeperConnection zookeeper = ZooKeeperConnection.open(settings);
        opened.push(zookeeper);
        if (!zookeeper.awaitConnected(settings.connectionTimeout())) {
            LOG.warn("ZooKeeper {} is not reachable yet; watch routes answer 503 until it is", connectString);
        }
        return zookeeper;
    }

    private static HttpSettings httpSettings(ServerConfig config, OperabilityConfig operability, RequestConfig requests) {
        HttpSettings settings = new HttpSettings(config.port(), config.maxBodyBytes())
                .withShutdownTimeout(operability.shutdownTimeout())
                .withLimits(requests.limits())
                .withReadTimeout(requests.readTimeout());
        if (operability.tlsCert().isPresent()) {
            settings = settings.withTls(new TlsSettings(operability.tlsCert().get(), operability.tlsKey().orElseThrow(),
                    operability.tlsClientCa()));
        }
        if (operability.authTokenFile().isPresent()) {
            settings = settings.withAuthToken(BearerToken.readFrom(operability.authTokenFile().get()));
        }
        return settings;
    }

    private static void bindJvmMetrics(PrometheusMeterRegistry registry, Deque<AutoCloseable> opened) {
        new JvmInfoMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        opened.push(gc);
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

    /** The port of {@code --metrics-port}'s server, when there is one. */
    public Optional<Integer> metricsPort() {
        return metricsServer.map(HttpServer::port);
    }

    /** Retention, for tests that run it now rather than on its schedule. */
    EnforceRetentionUseCase retention() {
        return retention;
    }

    /** The API server, for tests that compare its routes with the OpenAPI document. */
    HttpServer http() {
        return http;
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
