package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.ops.BearerToken;
import com.bkbcs.storage.adapters.http.ops.Management;
import com.bkbcs.storage.adapters.http.ops.Readiness;
import com.bkbcs.storage.adapters.http.ops.RequestMetrics;
import com.bkbcs.storage.adapters.http.ops.ServiceInfo;
import com.bkbcs.storage.adapters.http.ops.OpenApiDocument;
import com.bkbcs.storage.adapters.http.ops.SwaggerUi;
import com.bkbcs.storage.adapters.http.ops.PemTls;
import com.bkbcs.storage.adapters.http.RouteRegistry.RegisteredRoute;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The running HTTP server: Javalin on Jetty, serving the given {@link Routes} plus the operational
 * endpoints {@code GET /} (an index: name, version, links), {@code GET /healthz} (alive), {@code GET /readyz} (the backing stores are reachable),
 * {@code GET /metrics} (Prometheus text, when {@link Management} provides it), {@code GET /openapi.json}
 * and Swagger UI on {@code /docs}. Every response, errors included, carries the JSON envelope
 * (but {@code /metrics}, {@code /openapi.json} and the UI pages). HEAD is answered wherever GET is,
 * with the GET's status and headers and no body; a 405 names the methods the path serves in
 * {@code Allow}.
 *
 * <p>Jetty's URI compliance is relaxed for ambiguous paths ({@code %2F}, {@code %2E%2E},
 * {@code %25}, {@code ;}) and suspicious characters so such names reach the routes, where the
 * domain's name rules answer with a 400 that says what is wrong. Jetty still refuses {@code %00}
 * and malformed percent or UTF-8 encodings itself; {@link JsonErrorHandler} gives those the
 * envelope too.
 *
 * <p>The HTTP method is the request line's: {@link NoMethodOverride} hides the
 * {@code X-HTTP-Method-Override} header Javalin would otherwise honour (a GET that deletes, unseen
 * by proxies), and nothing reads {@code X-Method-Override} or {@code _method}.
 *
 * <p>Each request gets an id (the caller's {@code X-Request-Id} when it is sane, else a new one),
 * echoed in the response header and written in the one access-log line per request (logger
 * {@code com.bkbcs.storage.adapters.http.access}): request id, method, route template, path,
 * status and duration; never bodies. Probes and scrapes ({@link #OPEN_PATHS}) are logged at DEBUG. The same request is counted in the request metrics.
 *
 * <p>With TLS settings the server speaks HTTPS only (and, with a client CA, requires client
 * certificates). With a bearer token every route but {@link #OPEN_PATHS} and the Swagger UI page
 * and its files (which hold no data and ask for the token themselves) needs
 * {@code Authorization: Bearer <token>}; anything else is a 401 with the envelope.
 *
 * <p>{@link #close()} stops gracefully: change streams end, the port stops accepting, requests in
 * flight get up to the shutdown timeout to finish, requests arriving on open connections meanwhile
 * get a 503.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("com.bkbcs.storage.adapters.http.access");
    static final String REQUEST_ID = "X-Request-Id";
    /** Paths that never need the bearer token: probes and the metrics scrape. */
    public static final Set<String> OPEN_PATHS = Set.of("/healthz", "/readyz", "/metrics");
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("BCS_STORAGE",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
            UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS);

    private final Javalin app;
    private final List<RegisteredRoute> routes;
    private final Duration shutdownTimeout;
    private final Streams streams;

    private HttpServer(Javalin app, List<RegisteredRoute> routes, Duration shutdownTimeout, Streams streams) {
        this.app = app;
        this.routes = routes;
        this.shutdownTimeout = shutdownTimeout;
        this.streams = streams;
    }

    /** Starts serving the API without metrics or readiness checks; see {@link #port()}. */
    public static HttpServer start(HttpSettings settings, List<? extends Routes> routes) {
        return start(settings, routes, Management.none());
    }

    /** Starts serving the API; {@code settings.port() == 0} picks a free port, see {@link #port()}. */
    public static HttpServer start(HttpSettings settings, List<? extends Routes> routes, Management management) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(management, "management");
        return start(settings, List.copyOf(routes), management, true);
    }

    /**
     * Starts a plain-HTTP server with only {@code /metrics}, {@code /healthz} and {@code /readyz},
     * for a metrics port of its own; no token is asked for there.
     */
    public static HttpServer startManagement(int port, Management management, Duration shutdownTimeout) {
        return startManagement(port, management, shutdownTimeout, Optional.empty());
    }

    /** As {@link #startManagement(int, Management, Duration)}, listening on {@code host} when given (else every address). */
    public static HttpServer startManagement(int port, Management management, Duration shutdownTimeout, Optional<String> host) {
        HttpSettings settings = new HttpSettings(port, HttpSettings.DEFAULT_MAX_BODY_BYTES).withShutdownTimeout(shutdownTimeout);
        if (host.isPresent()) {
            settings = settings.withHost(host.get());
        }
        return start(settings, List.of(), management, false);
    }

    private static HttpServer start(HttpSettings settings, List<Routes> areas, Management management, boolean api) {
        JsonCodec json = new JsonCodec();
        ErrorMapper errors = new ErrorMapper(json);
        RequestMetrics metrics = new RequestMetrics(management.meters());
        // a management-only server has no streams: its meters stay out of the registry the API server fills
        Streams streams = new Streams(settings.streams(), json, api ? management.meters() : new CompositeMeterRegistry());
        // TLS files are read now, so a bad file fails the start with its own message
        Optional<SslContextFactory.Server> tls = settings.tls().map(PemTls::contextFactory);
        byte[] openApi = api ? OpenApiDocument.json(settings.authToken().isPresent()) : new byte[0];
        AtomicReference<List<RegisteredRoute>> registered = new AtomicReference<>();
        Javalin app = Javalin.create(cfg -> {
            configureJetty(cfg, settings, json, tls);
            cfg.requestLogger.http((ctx, millis) -> finished(ctx, millis, metrics));
            cfg.routes.before(HttpServer::assignRequestId);
            settings.authToken().ifPresent(token -> cfg.routes.before(ctx -> authenticate(ctx, token)));
            cfg.routes.exception(HttpResponseException.class, errors::handle);
            cfg.routes.exception(Exception.class, errors::handle);
            RouteRegistry registry = new RouteRegistry(cfg.routes,
                    new RequestRules(json, settings.maxBodyBytes(), settings.limits(), settings.readTimeout(), streams));
            registry.addUnprefixed(HandlerType.GET, "/healthz", Operation.GET_RESOURCE,
                    exchange -> exchange.ok(new HealthJson("UP")));
            registry.addUnprefixed(HandlerType.GET, "/readyz", Operation.READINESS,
                    exchange -> exchange.ok(Readiness.evaluate(management.readiness())));
            management.prometheusScrape().ifPresent(scrape -> registry.addUnprefixed(HandlerType.GET, "/metrics",
                    Operation.GET_RESOURCE, exchange -> exchange.raw(Management.PROMETHEUS_CONTENT_TYPE, scrape.get())));
            if (api) {
                IndexJson index = IndexJson.of(ServiceInfo.load(), management.prometheusScrape().isPresent());
                registry.addUnprefixed(HandlerType.GET, "/", Operation.GET_RESOURCE, exchange -> exchange.ok(index));
                registry.addUnprefixed(HandlerType.GET, "/openapi.json", Operation.GET_RESOURCE,
                        exchange -> exchange.raw(JsonCodec.CONTENT_TYPE, openApi));
                SwaggerUi.addTo(cfg.routes, settings.authToken().isPresent());
                areas.forEach(area -> area.addTo(registry));
            }
            registered.set(registry.registered());
        });
        try {
            if (settings.host().isPresent()) {
                app.start(settings.host().get(), settings.port());
            } else {
                app.start(settings.port());
            }
        } catch (RuntimeException e) {
            streams.stop();
            app.stop();
            throw e;
        }
        return new HttpServer(app, registered.get(), settings.shutdownTimeout(), streams);
    }

    private static void configureJetty(JavalinConfig cfg, HttpSettings settings, JsonCodec json,
                                       Optional<SslContextFactory.Server> tls) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.prefer405over404 = true;
        cfg.http.maxRequestSize = settings.maxBodyBytes();
        cfg.jetty.modifyHttpConfiguration(http -> {
            http.setUriCompliance(URI_COMPLIANCE);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
        cfg.jetty.modifyServletContextHandler(context -> {
            context.getServletHandler().setDecodeAmbiguousURIs(true);
            context.addFilter(NoMethodOverride.class, "/*", EnumSet.of(DispatcherType.REQUEST));
        });
        cfg.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler(json));
            // counts requests in flight, so a stop can wait for them
            server.insertHandler(new GracefulHandler());
            server.setStopTimeout(settings.shutdownTimeout().toMillis());
        });
        tls.ifPresent(factory -> cfg.jetty.addConnector((server, http) -> httpsConnector(server, http, factory,
                settings.port(), settings.host())));
    }

    private static Connector httpsConnector(Server server, HttpConfiguration plain, SslContextFactory.Server tls, int port,
                                            Optional<String> host) {
        HttpConfiguration https = new HttpConfiguration(plain);
        // one certificate: do not insist that SNI or the Host header name it (clients use IPs too)
        https.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        connector.setPort(port);
        host.ifPresent(connector::setHost);
        return connector;
    }

    private static void assignRequestId(Context ctx) {
        String given = ctx.header(REQUEST_ID);
        String id = given != null && SANE_REQUEST_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString().substring(0, 8);
        ctx.attribute(REQUEST_ID, id);
        ctx.header(REQUEST_ID, id);
    }

    private static void authenticate(Context ctx, BearerToken token) {
        if (!OPEN_PATHS.contains(ctx.path()) && !SwaggerUi.isPage(ctx.path())
                && !token.acceptsHeader(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"bcs-storage\"");
            throw new UnauthorizedResponse();
        }
    }

    private static void finished(Context ctx, float millis, RequestMetrics metrics) {
        String route = route(ctx);
        String method = ctx.method().name();
        int status = ctx.statusCode();
        metrics.record(route, method, status, (long) (millis * 1_000_000.0));
        // probes and scrapes come every few seconds: at DEBUG, so they do not drown the requests that matter
        ACCESS.atLevel(OPEN_PATHS.contains(ctx.path()) ? Level.DEBUG : Level.INFO)
                .log("request_id={} method={} route={} path={} status={} duration_ms={}", ctx.attribute(REQUEST_ID),
                        method, route, ctx.path(), status, Math.round(millis));
    }

    /** The template of the route that answered, or {@code unmatched} (no route, wrong method, refused early). */
    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? RequestMetrics.UNMATCHED : endpoint.path;
        } catch (RuntimeException noMatch) {
            return RequestMetrics.UNMATCHED;
        }
    }

    public int port() {
        return app.port();
    }

    /** What the areas and the server registered, for checks such as the OpenAPI completeness test. */
    public List<RegisteredRoute> registeredRoutes() {
        return routes;
    }

    /**
     * Stops gracefully: open change streams end at once (they would never finish on their own in
     * time), no new connections, requests in flight get up to the shutdown timeout to
     * finish, then Jetty stops; requests still running then are cut off (and logged).
     */
    @Override
    public void close() {
        LOG.info("stopping HTTP server on port {}; requests in flight get up to {} ms", port(), shutdownTimeout.toMillis());
        streams.stop();
        try {
            app.stop();
        } catch (RuntimeException e) {
            // Jetty stops everything anyway and reports the graceful phase timing out
            LOG.warn("HTTP server stopped with requests still in flight after {} ms: {}", shutdownTimeout.toMillis(),
                    e.getMessage());
        }
    }

    record HealthJson(String status) {
    }

    /**
     * {@code GET /}: what this is and where to go next. {@code links} names only what this server
     * serves ({@code /metrics} is absent when metrics have a port of their own).
     */
    record IndexJson(String name, String version, String api, List<String> prefixes, Map<String, String> links) {
        static IndexJson of(ServiceInfo service, boolean metricsHere) {
            Map<String, String> links = new LinkedHashMap<>();
            links.put("docs", SwaggerUi.PATH);
            links.put("openapi", "/openapi.json");
            links.put("healthz", "/healthz");
            links.put("readyz", "/readyz");
            if (metricsHere) {
                links.put("metrics", "/metrics");
            }
            return new IndexJson(service.name(), service.version(), "bcs-storage HTTP API V0.9.0", RouteRegistry.PREFIXES,
                    links);
        }
    }

}
