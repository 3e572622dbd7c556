package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.Env;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@link Routes} put their endpoints. Every path is served under both {@link #PREFIXES};
 * a path containing {@value #ENV} is served once per {@link Env} ({@code mesos}, {@code k8s}), so
 * any other environment is simply an unknown route (404). Each endpoint names its {@link Operation}, which
 * decides the error code when it fails; handlers only ever produce successes.
 *
 * <p>Each endpoint also declares the parameters it {@link Accepted accepts}. Before the handler
 * runs, the registry reads the query string strictly, refuses any parameter the endpoint does not
 * document and checks the query against the {@link QueryLimits}: a request with a misspelt
 * filter is a 400 before anything is read or written. Reads (GET, and the typed query's POST) get
 * a deadline, the read timeout: an answer not started by then is a 503 instead.
 *
 * <p>Every GET is served for HEAD too, by the same handler: a HEAD gets the status and headers the
 * GET would get (a 404 for an absent resource, a 400 for an unknown parameter), without the body,
 * which Jetty never sends for HEAD. HEAD is not recorded as a route of its own.
 *
 * <p>The registry remembers what it registered, as {@link RegisteredRoute}s with the path as the
 * area wrote it ({@code {env}} kept, prefix not applied), so the OpenAPI document can be checked
 * against the routes really served.
 */
public final class RouteRegistry {
    public static final List<String> PREFIXES = List.of("/bcsstorage/v1", "/bcsapi/v4/storage");
    public static final String ENV = "{env}";

    private final RoutesConfig routes;
    private final RequestRules rules;
    private final List<RegisteredRoute> registered = new ArrayList<>();

    RouteRegistry(RoutesConfig routes, RequestRules rules) {
        this.routes = routes;
        this.rules = rules;
    }

    /**
     * One registration: the method and the path as given ({@code {env}} and {@code {param}}
     * placeholders kept); {@code prefixed} when it is served under both API prefixes, false for
     * paths like {@code /healthz}.
     */
    public record RegisteredRoute(HandlerType method, String path, boolean prefixed) {
    }

    /** Handles one request; it gets the matched environment, if any, through the exchange. */
    @FunctionalInterface
    public interface ApiHandler {
        void handle(Exchange exchange) throws Exception;
    }

    public void get(String path, Operation operation, Accepted accepted, ApiHandler handler) {
        add(HandlerType.GET, path, operation, exchange -> accepted, handler);
    }

    public void put(String path, Operation operation, Accepted accepted, ApiHandler handler) {
        add(HandlerType.PUT, path, operation, exchange -> accepted, handler);
    }

    public void post(String path, Operation operation, Accepted accepted, ApiHandler handler) {
        add(HandlerType.POST, path, operation, exchange -> accepted, handler);
    }

    public void delete(String path, Operation operation, Accepted accepted, ApiHandler handler) {
        add(HandlerType.DELETE, path, operation, exchange -> accepted, handler);
    }

    /**
     * Adds {@code path} (starting with '/', Javalin {@code {param}} syntax) under both prefixes;
     * what it accepts may depend on the path ({@code accepted} sees the exchange's path parameters,
     * and may itself fail, for example with a 404 for an unknown typed-query kind).
     */
    public void add(HandlerType method, String path, Operation operation, Function<Exchange, Accepted> accepted,
                    ApiHandler handler) {
        requirePath(path);
        registered.add(new RegisteredRoute(method, path, true));
        for (String prefix : PREFIXES) {
            if (path.contains(ENV)) {
                for (Env env : Env.values()) {
                    addExactly(method, prefix + path.replace(ENV, env.segment()), operation, Optional.of(env), accepted,
                            handler);
                }
            } else {
                addExactly(method, prefix + path, operation, Optional.empty(), accepted, handler);
            }
        }
    }

    /**
     * Adds a path outside the API prefixes, such as {@code /healthz}. Operational endpoints take no
     * parameters and ignore any they are sent: nothing they do can be widened by one.
     */
    void addUnprefixed(HandlerType method, String path, Operation operation, ApiHandler handler) {
        requirePath(path);
        registered.add(new RegisteredRoute(method, path, false));
        addExactly(method, path, operation, Optional.empty(), null, handler);
    }

    /**
     * Adds a path outside the API prefixes that exists only in some setups and is not part of the
     * API ({@code POST /testing/reset} with the memory stores): it takes no parameters and is left
     * out of {@link #registered()}, so the OpenAPI document does not describe it.
     */
    public void addOutsideTheApi(HandlerType method, String path, Operation operation, ApiHandler handler) {
        requirePath(path);
        addExactly(method, path, operation, Optional.empty(), exchange -> Accepted.NONE, handler);
    }

    /** Everything registered so far, in order. */
    List<RegisteredRoute> registered() {
        return List.copyOf(registered);
    }

    private void addExactly(HandlerType method, String path, Operation operation, Optional<Env> env,
                            Function<Exchange, Accepted> accepted, ApiHandler handler) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(handler, "handler");
        boolean read = method == HandlerType.GET || operation.listsData();
        Handler javalinHandler = ctx -> {
            ctx.attribute(Operation.ATTRIBUTE, operation);
            Exchange exchange = new Exchange(ctx, env, rules, read ? rules.readDeadline() : Deadline.NONE);
            if (accepted != null) {
                exchange.accept(accepted.apply(exchange));
            }
            handler.handle(exchange);
        };
        routes.addHttpHandler(method, path, javalinHandler);
        if (method == HandlerType.GET) {
            routes.addHttpHandler(HandlerType.HEAD, path, javalinHandler);
        }
    }

    private static void requirePath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route paths start with '/': " + path);
        }
    }
}
