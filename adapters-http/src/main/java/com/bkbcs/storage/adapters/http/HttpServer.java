package com.bkbcs.storage.adapters.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.UriCompliance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The running HTTP server: Javalin on Jetty, serving the given {@link Routes} plus
 * {@code GET /healthz}. Every response, errors included, carries the JSON envelope.
 *
 * <p>Jetty's URI compliance is relaxed for ambiguous paths ({@code %2F}, {@code %2E%2E},
 * {@code %25}, {@code ;}) and suspicious characters so such names reach the routes, where the
 * domain's name rules answer with a 400 that says what is wrong. Jetty still refuses {@code %00}
 * and malformed percent or UTF-8 encodings itself; {@link JsonErrorHandler} gives those the
 * envelope too.
 *
 * <p>Each request gets an id (the caller's {@code X-Request-Id} when it is sane, else a new one),
 * echoed in the response header and written in the one access-log line per request (logger
 * {@code com.bkbcs.storage.adapters.http.access}).
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("com.bkbcs.storage.adapters.http.access");
    private static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("BCS_STORAGE",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
            UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS);

    private final Javalin app;

    private HttpServer(Javalin app) {
        this.app = app;
    }

    /** Starts serving; {@code settings.port() == 0} picks a free port, see {@link #port()}. */
    public static HttpServer start(HttpSettings settings, List<? extends Routes> routes) {
        Objects.requireNonNull(settings, "settings");
        List<Routes> areas = List.copyOf(routes);
        JsonCodec json = new JsonCodec();
        ErrorMapper errors = new ErrorMapper(json);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setUriCompliance(URI_COMPLIANCE);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            cfg.jetty.modifyServletContextHandler(context -> context.getServletHandler().setDecodeAmbiguousURIs(true));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
            cfg.requestLogger.http((ctx, millis) -> ACCESS.info("{} {} {} {} {}ms", ctx.attribute(REQUEST_ID),
                    ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis)));
            cfg.routes.before(HttpServer::assignRequestId);
            cfg.routes.exception(HttpResponseException.class, errors::handle);
            cfg.routes.exception(Exception.class, errors::handle);
            RouteRegistry registry = new RouteRegistry(cfg.routes, json, settings.maxBodyBytes());
            registry.addUnprefixed(HandlerType.GET, "/healthz", Operation.GET_RESOURCE,
                    exchange -> exchange.ok(new HealthJson("UP")));
            areas.forEach(area -> area.addTo(registry));
        });
        try {
            app.start(settings.port());
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
        return new HttpServer(app);
    }

    private static void assignRequestId(Context ctx) {
        String given = ctx.header(REQUEST_ID);
        String id = given != null && SANE_REQUEST_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString().substring(0, 8);
        ctx.attribute(REQUEST_ID, id);
        ctx.header(REQUEST_ID, id);
    }

    public int port() {
        return app.port();
    }

    /** Stops Jetty; requests in flight are given Jetty's graceful-stop time to finish. */
    @Override
    public void close() {
        app.stop();
    }

    record HealthJson(String status) {
    }
}
