package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.HttpServer;
import com.bkbcs.storage.adapters.http.HttpSettings;
import com.bkbcs.storage.adapters.http.StreamSettings;
import com.bkbcs.storage.adapters.http.Routes;
import com.bkbcs.storage.adapters.http.dynamic.ChangeStreamRoutes;
import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.host.HostRoutes;
import com.bkbcs.storage.adapters.http.journal.AlarmRoutes;
import com.bkbcs.storage.adapters.http.journal.EventRoutes;
import com.bkbcs.storage.adapters.http.metric.MetricRoutes;
import com.bkbcs.storage.adapters.http.ops.BearerToken;
import com.bkbcs.storage.adapters.http.ops.Management;
import com.bkbcs.storage.adapters.http.ops.ReadinessCheck;
import com.bkbcs.storage.adapters.http.ops.ServiceInfo;
import com.bkbcs.storage.adapters.zookeeper.EndpointInfo;
import com.bkbcs.storage.application.port.out.Leadership;
import io.micrometer.core.instrument.MeterRegistry;
import com.bkbcs.storage.adapters.http.ops.TlsSettings;
import com.bkbcs.storage.adapters.http.query.TypedQueryRoutes;
import com.bkbcs.storage.adapters.http.testing.TestingRoutes;
import com.bkbcs.storage.adapters.http.watch.WatchRoutes;
import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase;
import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.service.AlarmService;
import com.bkbcs.storage.application.service.ChangeHub;
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
import com.bkbcs.storage.application.service.DynamicResourceService;
import com.bkbcs.storage.application.service.EventService;
import com.bkbcs.storage.application.service.HostService;
import com.bkbcs.storage.application.service.MetricService;
import com.bkbcs.storage.application.service.RunTypedQueryService;
import com.bkbcs.storage.application.service.RetentionService;
import com.bkbcs.storage.application.service.WatchResourcesService;
import com.bkbcs.storage.application.service.WatchService;
import com.bkbcs.storage.domain.journal.RetentionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The composition root and the running service: builds adapters, services and routes with
 * {@code new}, owns every client and server, and closes them in reverse order of creation.
 *
 * <p>The stores come from {@link Backends}: in memory ({@code --store memory}), or MongoDB and
 * ZooKeeper, embedded or external, each port measured by {@link StoreMetrics} and guarded by a
 * {@link StoreGuard} of its store; readiness is one check per store. With the memory stores the
 * API also serves {@code POST /testing/reset}. Operability is wired here too: one Prometheus
 * registry with JVM metrics, the HTTP server's request metrics; TLS, the bearer token, the
 * shutdown timeout, and a second server for {@code --metrics-port}. Closing stops the HTTP servers first (gracefully,
 * so requests in flight still reach the stores), then the stores, then the registry.
 *
 * <p>With a bearer token the embedded stores are owner-only, so that their loopback ports are no
 * way around the token: only this process (and the user running it) can read or write them.
 */
public final class RunningApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningApp.class);
    /** How often an instance reads the change log for writes made through other instances. */
    private static final Duration CHANGE_POLL = Duration.ofMillis(200);
    /** How many recent changes an instance keeps for its watches. */
    private static final int CHANGE_WINDOW = 1024;

    private final Opened resources;
    private final HttpServer http;
    private final Optional<HttpServer> metricsServer;
    private final EnforceRetentionUseCase retention;
    private final String stores;
    private final Optional<Runnable> reset;
    private final Optional<String> embeddedMongoUri;
    private final String mongoDatabase;

    private RunningApp(Opened resources, HttpServer http, Optional<HttpServer> metricsServer,
                       EnforceRetentionUseCase retention, String stores, Optional<Runnable> reset,
                       Optional<String> embeddedMongoUri, String mongoDatabase) {
        this.resources = resources;
        this.http = http;
        this.metricsServer = metricsServer;
        this.retention = retention;
        this.stores = stores;
        this.reset = reset;
        this.embeddedMongoUri = embeddedMongoUri;
        this.mongoDatabase = mongoDatabase;
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
        return start(config, operability, retentionConfig, requests, guards, DiscoveryConfig.defaults());
    }

    public static RunningApp start(ServerConfig config, OperabilityConfig operability, RetentionConfig retentionConfig,
                                   RequestConfig requests, StoreGuardConfig guards, DiscoveryConfig discovery) {
        boolean registers = discovery.registers(config);
        Opened opened = new Opened();
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            opened.push(registry::close);
            bindJvmMetrics(registry, opened);
            StoreMetrics metered = new StoreMetrics(registry);
            boolean ownerOnlyStores = operability.authTokenFile().isPresent();
            Backends backends = Backends.open(config, guards, ownerOnlyStores, metered, registry);
            opened.push(backends);
            Stores stores = backends.stores();
            ResourceStore resources = stores.resources();
            Journal eventJournal = stores.events();
            Journal alarmJournal = stores.alarms();
            WatchService watch = new WatchService(stores.watch());
            AtomicReference<Leadership> leadership = new AtomicReference<>();
            List<ReadinessCheck> readiness = new ArrayList<>(backends.readiness());
            readiness.add(ReadinessCheck.of("retention", () -> ReadinessCheck.Result.up(Optional.ofNullable(leadership.get())
                    .map(current -> "led by " + current.leader()).orElse("the election has not started yet"))));
            Management management = new Management(registry, Optional.of(registry::scrape), readiness);

            ChangeHub changeHub = new ChangeHub(stores.changes(), CHANGE_POLL, CHANGE_WINDOW);
            opened.push(changeHub);
            changeHub.start();
            DynamicResourceService dynamic = new DynamicResourceService(resources, Clock.systemUTC(), changeHub::nudge);
            WatchResourcesService changeWatches = new WatchResourcesService(stores.changes(), changeHub);
            RunTypedQueryService typedQueries = new RunTypedQueryService(resources);
            EventService events = new EventService(eventJournal, Clock.systemUTC());
            AlarmService alarms = new AlarmService(alarmJournal, Clock.systemUTC());
            MetricService metrics = new MetricService(stores.metrics(), Clock.systemUTC());
            HostService hosts = new HostService(stores.hosts(), Clock.systemUTC());
            List<Routes> areas = new ArrayList<>(List.of(new DynamicRoutes(dynamic, dynamic, dynamic, dynamic, dynamic, changeWatches),
                    new ChangeStreamRoutes(changeWatches, dynamic),
                    new TypedQueryRoutes(typedQueries),
                    new WatchRoutes(watch, watch, watch, watch),
                    new EventRoutes(events, events),
                    new AlarmRoutes(alarms, alarms),
                    new MetricRoutes(metrics, metrics, metrics, metrics, metrics),
                    new HostRoutes(hosts, hosts, hosts, hosts, hosts)));
            backends.reset().ifPresent(reset -> areas.add(new TestingRoutes(reset)));
            HttpServer http = HttpServer.start(httpSettings(config, operability, requests), areas,
                    operability.metricsPort().isPresent() ? management.withoutScrape() : management);
            opened.push(http);
            Optional<HttpServer> metricsServer = operability.metricsPort().map(port ->
                    HttpServer.startManagement(port, management, operability.shutdownTimeout(), operability.host()));
            metricsServer.ifPresent(server -> {
                opened.push(server);
                LOG.info("metrics on port {}", server.port());
            });
            EndpointInfo self = endpoint(discovery, operability, http.port(), metricsServer.map(HttpServer::port));
            leadership.set(backends.coordination()
                    .<Leadership>map(coordination -> opened.push(coordination.elect(discovery.leaderPath(), self.address())))
                    .orElseGet(() -> new AloneLeadership(self.address())));
            RetentionService retention = retention(retentionConfig, eventJournal, alarmJournal, stores.changes(),
                    leadership.get(), registry, opened);
            if (registers) {
                // pushed last, so closed first: the gateway stops sending requests before the server drains
                opened.push(backends.coordination().orElseThrow().register(discovery.registerPath(), self));
                LOG.info("registering as {} under {} in ZooKeeper", self.address(), discovery.registerPath());
            }
            return new RunningApp(opened, http, metricsServer, retention, backends.description(), backends.reset(),
                    backends.embeddedMongoUri(), config.mongoDatabase());
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * Retention of events and alarms, run by a background schedule (stopped first on close) unless
     * both policies keep everything.
     */
    private static RetentionService retention(RetentionConfig config, Journal events, Journal alarms,
                                              ChangeFeed changes, Leadership leadership, MeterRegistry meters,
                                              Opened opened) {
        Map<Journal, RetentionPolicy> policies = new LinkedHashMap<>();
        policies.put(events, config.events());
        policies.put(alarms, config.alarms());
        RetentionService retention = new RetentionService(policies, Optional.of(changes), config.watchHistory(),
                Clock.systemUTC());
        opened.push(RetentionSchedule.start(retention, config.firstRun(), config.period(), leadership, meters));
        LOG.info("retention: {}", config.describe());
        return retention;
    }

    /**
     * This instance as the gateway and the other instances see it: the advertised (or found-out)
     * address and port, the metrics port, scheme, version, process.
     */
    private static EndpointInfo endpoint(DiscoveryConfig discovery, OperabilityConfig operability, int port,
                                         Optional<Integer> metricsPort) {
        String ip = Advertised.address(discovery.advertiseAddress(), operability.host());
        int advertisedPort = discovery.advertisePort().orElse(port);
        return new EndpointInfo(ip, advertisedPort, metricsPort.orElse(advertisedPort), Advertised.hostname(ip),
                operability.tlsCert().isPresent() ? "https" : "http", ServiceInfo.load().version(), "",
                ProcessHandle.current().pid(), ip, advertisedPort);
    }

    private static HttpSettings httpSettings(ServerConfig config, OperabilityConfig operability, RequestConfig requests) {
        HttpSettings settings = new HttpSettings(config.port(), config.maxBodyBytes())
                .withShutdownTimeout(operability.shutdownTimeout())
                .withLimits(requests.limits())
                .withReadTimeout(requests.readTimeout())
                .withStreams(StreamSettings.DEFAULTS.withMaxStreams(requests.watchMax()));
        if (operability.tlsCert().isPresent()) {
            settings = settings.withTls(new TlsSettings(operability.tlsCert().get(), operability.tlsKey().orElseThrow(),
                    operability.tlsClientCa()));
        }
        if (operability.authTokenFile().isPresent()) {
            settings = settings.withAuthToken(BearerToken.readFrom(operability.authTokenFile().get()));
        }
        if (operability.host().isPresent()) {
            settings = settings.withHost(operability.host().get());
        }
        return settings;
    }

    private static void bindJvmMetrics(PrometheusMeterRegistry registry, Opened opened) {
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

    public int port() {
        return http.port();
    }

    /** Which stores the service runs on, and where. */
    public String stores() {
        return stores;
    }

    /**
     * Empties every store, as {@code POST /testing/reset} does; only the memory stores can be reset.
     *
     * @throws IllegalStateException on any other stores
     */
    public void reset() {
        reset.orElseThrow(() -> new IllegalStateException("only the memory stores can be reset")).run();
    }

    /** The port of {@code --metrics-port}'s server, when there is one. */
    public Optional<Integer> metricsPort() {
        return metricsServer.map(HttpServer::port);
    }

    /**
     * The embedded MongoDB-wire server's connection string (credentials included when the store is
     * owner-only) and the service's database, for the bench's raw-driver ceilings; empty on the
     * memory stores and on an external MongoDB.
     */
    Optional<String> embeddedMongoUri() {
        return embeddedMongoUri;
    }

    String mongoDatabase() {
        return mongoDatabase;
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
        resources.close();
    }

}
