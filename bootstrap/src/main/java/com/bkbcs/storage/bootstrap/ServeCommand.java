package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.QueryLimits;
import com.bkbcs.storage.domain.journal.RetentionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: starts the service and runs until the process is told to stop (SIGTERM: the HTTP
 * server stops accepting, requests in flight get up to {@code --shutdown-timeout} to finish, then
 * the stores are closed). Every option can also be set by the environment variable named after it
 * or in the {@code --config} file; see {@link LayeredDefaults} for the precedence.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        defaultValueProvider = LayeredDefaults.class,
        description = {"Start the HTTP service. Without --mongo-uri it runs an embedded MongoDB-wire-protocol store, "
                + "without --zk-connect an embedded ZooKeeper, both persisted under --data-dir.",
                "Each option is also read from the environment variable BCS_STORAGE_<OPTION> (e.g. BCS_STORAGE_ZK_CONNECT) "
                        + "and from the --config file (zk-connect=...); a flag wins over the variable, the variable over "
                        + "the file, the file over the default."})
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "8080",
            description = "HTTP port; 0 picks a free one (env BCS_STORAGE_PORT).")
    int port;

    @Option(names = "--store", defaultValue = "embedded", paramLabel = "memory|embedded",
            converter = StoreKindConverter.class,
            description = "embedded: MongoDB-wire store and ZooKeeper persisted under --data-dir (or external ones with "
                    + "--mongo-uri / --zk-connect); memory: everything in memory, nothing written, POST /testing/reset "
                    + "empties it (for tests) (env BCS_STORAGE_STORE).")
    ServerConfig.StoreKind store;

    @Option(names = "--port-file", paramLabel = "<file>",
            description = "Write the port the server listens on into this file once it serves requests (and --seed "
                    + "is applied); useful with --port 0 (env BCS_STORAGE_PORT_FILE).")
    Path portFile;

    @Option(names = "--seed", paramLabel = "<file>",
            description = "Fixtures to load at start: one request per line, 'METHOD /path {json body}', as the API "
                    + "takes them; a line the API refuses stops the start (env BCS_STORAGE_SEED).")
    Path seed;

    @Option(names = "--host", paramLabel = "<address>",
            description = "Address the API and the --metrics-port listen on (an IP or host name, e.g. 127.0.0.1); "
                    + "every interface when absent (env BCS_STORAGE_HOST).")
    String host;

    @Option(names = "--log-level", defaultValue = "info", paramLabel = "<level>",
            description = "Root log level: trace, debug, info, warn, error or off (env BCS_STORAGE_LOG_LEVEL).")
    String logLevel;

    @Option(names = "--log-format", defaultValue = "text", paramLabel = "text|json",
            converter = LogFormatConverter.class,
            description = "Log lines as text or as one JSON object per line (env BCS_STORAGE_LOG_FORMAT).")
    Logging.Format logFormat;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Directory of the embedded stores' files (env BCS_STORAGE_DATA_DIR).")
    Path dataDir;

    @Option(names = "--mongo-uri",
            description = "MongoDB connection string; when absent the embedded store is used (env BCS_STORAGE_MONGO_URI).")
    String mongoUri;

    @Option(names = "--embedded-mongo-port", defaultValue = "0", paramLabel = "<port>",
            description = "Loopback port of the embedded MongoDB-wire store, for inspecting it with MongoDB tools; "
                    + "0 picks a free one (env BCS_STORAGE_EMBEDDED_MONGO_PORT).")
    int embeddedMongoPort;

    @Option(names = "--mongo-database", defaultValue = "bcs_storage",
            description = "MongoDB database name (env BCS_STORAGE_MONGO_DATABASE).")
    String mongoDatabase;

    @Option(names = "--zk-connect",
            description = "ZooKeeper connection string for watch data; when absent an embedded ZooKeeper persisted "
                    + "under --data-dir is used (env BCS_STORAGE_ZK_CONNECT).")
    String zkConnect;

    @Option(names = "--zk-root", defaultValue = "etc/cluster",
            description = "Root znode path of watch data (env BCS_STORAGE_ZK_ROOT).")
    String zkRoot;

    @Option(names = "--zk-session-timeout", defaultValue = "30000",
            description = "ZooKeeper session timeout in ms; the server clamps it to 2..20 ticks "
                    + "(env BCS_STORAGE_ZK_SESSION_TIMEOUT).")
    long zkSessionTimeout;

    @Option(names = "--zk-connection-timeout", defaultValue = "5000",
            description = "How long to wait for a ZooKeeper connection, in ms (env BCS_STORAGE_ZK_CONNECTION_TIMEOUT).")
    long zkConnectionTimeout;

    @Option(names = "--zk-operation-timeout", defaultValue = "5000",
            description = "Longest a watch request waits on ZooKeeper before answering 503, in ms "
                    + "(env BCS_STORAGE_ZK_OPERATION_TIMEOUT).")
    long zkOperationTimeout;

    @Option(names = "--max-body-size", defaultValue = "8388608",
            description = "Largest request body accepted, in bytes; larger ones get 413 (env BCS_STORAGE_MAX_BODY_SIZE).")
    long maxBodySize;

    @Option(names = "--config", paramLabel = "<file>",
            description = "Properties file of options, keys named as the options without dashes (port=8080) "
                    + "(env BCS_STORAGE_CONFIG).")
    Path configFile;

    @Option(names = "--metrics-port", paramLabel = "<port>",
            description = "Serve /metrics (with /healthz and /readyz) on this port, plain HTTP and without token, "
                    + "instead of on --port; 0 picks a free one (env BCS_STORAGE_METRICS_PORT).")
    Integer metricsPort;

    @Option(names = "--tls-cert", paramLabel = "<pem>",
            description = "PEM certificate chain; with --tls-key the service speaks HTTPS only (env BCS_STORAGE_TLS_CERT).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "<pem>",
            description = "PEM private key of --tls-cert: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted (env BCS_STORAGE_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "<pem>",
            description = "PEM certificate authorities; clients must present a certificate they signed (mutual TLS) "
                    + "(env BCS_STORAGE_TLS_CLIENT_CA).")
    Path tlsClientCa;

    @Option(names = "--auth-token-file", paramLabel = "<file>",
            description = "File holding a bearer token; every route but /healthz, /readyz and /metrics then needs "
                    + "'Authorization: Bearer <token>' (env BCS_STORAGE_AUTH_TOKEN_FILE).")
    Path authTokenFile;

    @Option(names = "--shutdown-timeout", defaultValue = "30000", paramLabel = "<ms>",
            description = "On SIGTERM, how long requests in flight get to finish before the stores are closed, in ms "
                    + "(env BCS_STORAGE_SHUTDOWN_TIMEOUT).")
    long shutdownTimeout;

    @Option(names = "--watch-history", defaultValue = "3600", paramLabel = "<seconds>",
            description = "Keep the changes of dynamic data this long, for watches to resume from; an older `since` "
                    + "answers 410 (env BCS_STORAGE_WATCH_HISTORY).")
    long watchHistory;

    @Option(names = "--event-max-days", defaultValue = "15", paramLabel = "<days>",
            description = "Remove events stored more than this many days ago; 0 keeps them (env BCS_STORAGE_EVENT_MAX_DAYS).")
    int eventMaxDays;

    @Option(names = "--event-max-per-cluster", defaultValue = "10000", paramLabel = "<n>",
            description = "Keep at most this many of each cluster's most recently stored events; 0 for no cap "
                    + "(env BCS_STORAGE_EVENT_MAX_PER_CLUSTER).")
    int eventMaxPerCluster;

    @Option(names = "--alarm-max-days", defaultValue = "15", paramLabel = "<days>",
            description = "Remove alarms stored more than this many days ago; 0 keeps them (env BCS_STORAGE_ALARM_MAX_DAYS).")
    int alarmMaxDays;

    @Option(names = "--alarm-max-per-cluster", defaultValue = "10000", paramLabel = "<n>",
            description = "Keep at most this many of each cluster's most recently stored alarms; 0 for no cap "
                    + "(env BCS_STORAGE_ALARM_MAX_PER_CLUSTER).")
    int alarmMaxPerCluster;

    @Option(names = "--read-timeout", defaultValue = "5000", paramLabel = "<ms>",
            description = "How long a read may take before its answer starts; later it is a 503 the client may retry "
                    + "(env BCS_STORAGE_READ_TIMEOUT).")
    long readTimeout;

    @Option(names = "--watch-max", defaultValue = "1000", paramLabel = "<n>",
            description = "Change streams open at once; beyond that a watch is a 429 (env BCS_STORAGE_WATCH_MAX).")
    int watchMax;

    @Option(names = QueryLimits.FIELD_PATHS_OPTION, defaultValue = "100", paramLabel = "<n>",
            description = "Most paths in one request's field parameter (env BCS_STORAGE_MAX_FIELD_PATHS).")
    int maxFieldPaths;

    @Option(names = QueryLimits.VALUES_OPTION, defaultValue = "1000", paramLabel = "<n>",
            description = "Most values of one 'any of' list: a comma list, an extra array, a label selector's in (...) "
                    + "(env BCS_STORAGE_MAX_VALUES).")
    int maxValues;

    @Option(names = QueryLimits.FILTER_PARAMETERS_OPTION, defaultValue = "50", paramLabel = "<n>",
            description = "Most data.<path> filter parameters in one request (env BCS_STORAGE_MAX_FILTER_PARAMETERS).")
    int maxFilterParameters;

    @Option(names = QueryLimits.EXTRA_CONDITIONS_OPTION, defaultValue = "100", paramLabel = "<n>",
            description = "Most conditions in one request's extra parameters together (env BCS_STORAGE_MAX_EXTRA_CONDITIONS).")
    int maxExtraConditions;

    @Option(names = QueryLimits.QUERY_BYTES_OPTION, defaultValue = "65536", paramLabel = "<bytes>",
            description = "Largest query: the bytes of all parameter names and values of one request, a typed query's "
                    + "POST body included (env BCS_STORAGE_MAX_QUERY_BYTES).")
    int maxQueryBytes;

    @Option(names = "--mongo-operation-timeout", defaultValue = "5000", paramLabel = "<ms>",
            description = "Longest a MongoDB call may take before the request answers 503, in ms; a streamed list is "
                    + "bounded per batch (env BCS_STORAGE_MONGO_OPERATION_TIMEOUT).")
    long mongoOperationTimeout;

    @Option(names = "--mongo-max-concurrent-calls", defaultValue = "100", paramLabel = "<n>",
            description = "Most calls that may wait on MongoDB at once; further ones answer 503 at once "
                    + "(env BCS_STORAGE_MONGO_MAX_CONCURRENT_CALLS).")
    int mongoMaxConcurrentCalls;

    @Option(names = "--zk-max-concurrent-calls", defaultValue = "50", paramLabel = "<n>",
            description = "Most calls that may wait on ZooKeeper at once; further ones answer 503 at once "
                    + "(env BCS_STORAGE_ZK_MAX_CONCURRENT_CALLS).")
    int zkMaxConcurrentCalls;

    @Option(names = "--register", defaultValue = "auto", paramLabel = "auto|on|off",
            converter = RegistrationConverter.class,
            description = "Register this instance in ZooKeeper for the BCS gateway, as an ephemeral node under "
                    + "--register-path holding its address; auto: only with --zk-connect (env BCS_STORAGE_REGISTER).")
    DiscoveryConfig.Registration register;

    @Option(names = "--register-path", defaultValue = DiscoveryConfig.REGISTER_PATH, paramLabel = "<znode>",
            description = "Znode under which instances register, as <ip><sequence> (env BCS_STORAGE_REGISTER_PATH).")
    String registerPath;

    @Option(names = "--advertise-address", paramLabel = "<address>",
            description = "Address registered for this instance; when absent, --host if it names one, else this "
                    + "machine's first non-loopback IPv4 address (env BCS_STORAGE_ADVERTISE_ADDRESS).")
    String advertiseAddress;

    @Option(names = "--advertise-port", paramLabel = "<port>",
            description = "Port registered for this instance; the port the API listens on when absent "
                    + "(env BCS_STORAGE_ADVERTISE_PORT).")
    Integer advertisePort;

    @Option(names = "--leader-path", defaultValue = DiscoveryConfig.LEADER_PATH, paramLabel = "<znode>",
            description = "Znode of the election of the one instance that runs retention; instances sharing a store "
                    + "must share it (env BCS_STORAGE_LEADER_PATH).")
    String leaderPath;

    @Option(names = "--retention-period", defaultValue = "60", paramLabel = "<seconds>",
            description = "How long the leading instance waits between retention runs (env BCS_STORAGE_RETENTION_PERIOD).")
    long retentionPeriod;

    @Override
    public Integer call() throws Exception {
        Logging.configure(Logging.level(logLevel), logFormat);
        OperabilityConfig operability = new OperabilityConfig(Optional.ofNullable(metricsPort), Optional.ofNullable(tlsCert),
                Optional.ofNullable(tlsKey), Optional.ofNullable(tlsClientCa), Optional.ofNullable(authTokenFile),
                Duration.ofMillis(shutdownTimeout), blankToEmpty(host));
        ServerConfig config = server();
        if (seed != null && tlsCert != null) {
            throw new IllegalArgumentException("--seed sends its requests over plain HTTP; it cannot be combined with --tls-cert");
        }
        DiscoveryConfig discovery = discovery();
        discovery.registers(config); // refuses --register on without ZooKeeper, before anything starts
        requireFreePort(port, "--port");
        if (metricsPort != null) {
            requireFreePort(metricsPort, "--metrics-port");
        }
        requireFreePort(config.embeddedMongoPort(), "--embedded-mongo-port");
        RunningApp app = RunningApp.start(config, operability, retention(), requests(), storeGuards(), discovery);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            app.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            if (seed != null) {
                int requests = Seeding.seed(seed, app.port(), token());
                LOG.info("seeded {} requests from {}", requests, seed);
            }
            if (portFile != null) {
                writePortFile(portFile, app.port());
            }
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        String base = (tlsCert != null ? "https" : "http") + "://" + blankToEmpty(host).orElse("127.0.0.1") + ":" + app.port();
        LOG.info("bcs-storage listening on port {}: {}/bcsstorage/v1 and {}/bcsapi/v4/storage, Swagger UI {}/docs; "
                + "stores: {}; stop with Ctrl-C or SIGTERM", app.port(), base, base, base, app.stores());
        stopped.await();
        return 0;
    }

    /**
     * Fails at once when the port is taken, before the stores start (which takes seconds); the
     * server binds it moments later, so this is a courtesy, not a guarantee.
     */
    static void requireFreePort(int port, String option) {
        if (port <= 0 || port > 65_535) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " (" + option + ") is already in use: " + e.getMessage());
        }
    }

    private Optional<String> token() throws IOException {
        return authTokenFile == null ? Optional.empty()
                : Optional.of(Files.readString(authTokenFile, StandardCharsets.UTF_8).strip());
    }

    /** Written whole or not at all: a reader never sees a half-written port. */
    static void writePortFile(Path file, int port) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        Files.writeString(partial, port + "\n", StandardCharsets.UTF_8);
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code text} or {@code json}, in any case. */
    static final class LogFormatConverter implements CommandLine.ITypeConverter<Logging.Format> {
        @Override
        public Logging.Format convert(String value) {
            try {
                return Logging.Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a log format: text or json");
            }
        }
    }

    /** {@code auto}, {@code on} or {@code off}, in any case. */
    static final class RegistrationConverter implements CommandLine.ITypeConverter<DiscoveryConfig.Registration> {
        @Override
        public DiscoveryConfig.Registration convert(String value) {
            try {
                return DiscoveryConfig.Registration.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a registration mode: auto, on or off");
            }
        }
    }

    /** {@code memory} or {@code embedded}, in any case. */
    static final class StoreKindConverter implements CommandLine.ITypeConverter<ServerConfig.StoreKind> {
        @Override
        public ServerConfig.StoreKind convert(String value) {
            try {
                return ServerConfig.StoreKind.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a store: memory or embedded");
            }
        }
    }

    ServerConfig server() {
        return new ServerConfig(port, dataDir, blankToEmpty(mongoUri), mongoDatabase, blankToEmpty(zkConnect), zkRoot,
                maxBodySize, Duration.ofMillis(zkSessionTimeout), Duration.ofMillis(zkConnectionTimeout),
                Duration.ofMillis(zkOperationTimeout), store, embeddedMongoPort);
    }

    RequestConfig requests() {
        return new RequestConfig(new QueryLimits(maxFieldPaths, maxValues, maxFilterParameters, maxExtraConditions,
                maxQueryBytes), Duration.ofMillis(readTimeout), watchMax);
    }

    RetentionConfig retention() {
        if (retentionPeriod < 1 || retentionPeriod > Integer.MAX_VALUE / 1000) {
            throw new IllegalArgumentException("--retention-period must be within 1.." + Integer.MAX_VALUE / 1000 + " seconds");
        }
        try {
            return RetentionConfig.of(new RetentionPolicy(eventMaxDays, eventMaxPerCluster),
                    new RetentionPolicy(alarmMaxDays, alarmMaxPerCluster)).withWatchHistory(Duration.ofSeconds(watchHistory))
                    .withPeriod(Duration.ofSeconds(retentionPeriod));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--event-max-*/--alarm-max-* options: " + e.getMessage(), e);
        }
    }

    DiscoveryConfig discovery() {
        return new DiscoveryConfig(register, registerPath, blankToEmpty(advertiseAddress), Optional.ofNullable(advertisePort),
                leaderPath);
    }

    StoreGuardConfig storeGuards() {
        return StoreGuardConfig.defaults().withMongoOperationTimeout(Duration.ofMillis(mongoOperationTimeout))
                .withMaxConcurrentCalls(mongoMaxConcurrentCalls, zkMaxConcurrentCalls);
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
