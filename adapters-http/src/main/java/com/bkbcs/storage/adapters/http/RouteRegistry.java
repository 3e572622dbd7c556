package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.watch.Env;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link Routes} put their endpoints. Every path is served under both {@link #PREFIXES};
 * a path containing {@value #ENV} is served once per {@link Env} ({@code mesos}, {@code k8s}), so
 * any other environment is simply an unknown route (404). Each endpoint names its {@link Operation}, which
 * decides the error code when it fails; handlers only ever produce successes.
 *
 * <p>The registry remembers what it registered, as {@link RegisteredRoute}s with the path as the
 * area wrote it ({@code {env}} kept, prefix not applied), so the OpenAPI document can be checked
 * against the routes really served.
 */
public final class RouteRegistry {
    public static final List<String> PREFIXES = List.of("/bcsstorage/v1", "/bcsapi/v4/storage");
    public static final String ENV = "{env}";

    private final RoutesConfig routes;
    private final JsonCodec json;
    private final long maxBodyBytes;
    private final List<RegisteredRoute> registered = new ArrayList<>();

    RouteRegistry(RoutesConfig routes, JsonCodec json, long maxBodyBytes) {
        this.routes = routes;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
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

    public void get(String path, Operation operation, ApiHandler handler) {
        add(HandlerType.GET, path, operation, handler);
    }

    public void put(String path, Operation operation, ApiHandler handler) {
        add(HandlerType.PUT, path, operation, handler);
    }

    public void post(String path, Operation operation, ApiHandler handler) {
        add(HandlerType.POST, path, operation, handler);
    }

    public void delete(String path, Operation operation, ApiHandler handler) {
        add(HandlerType.DELETE, path, operation, handler);
    }

    /** Adds {@code path} (starting with '/', Javalin {@code {param}} syntax) under both prefixes. */
    public void add(HandlerType method, String path, Operation operation, ApiHandler handler) {
        requirePath(path);
        registered.add(new RegisteredRoute(method, path, true));
        for (String prefix : PREFIXES) {
            if (path.contains(ENV)) {
                for (Env env : Env.values()) {
                    addExactly(method, prefix + path.replace(ENV, env.segment()), operation, Optional.of(env), handler);
                }
            } else {
                addExactly(method, prefix + path, operation, Optional.empty(), handler);
            }
        }
    }

    /** Adds a path outside the API prefixes, such as {@code /healthz}. */
    void addUnprefixed(HandlerType method, String path, Operation operation, ApiHandler handler) {
        requirePath(path);
        registered.add(new RegisteredRoute(method, path, false));
        addExactly(method, path, operation, Optional.empty(), handler);
    }

    /** Everything registered so far, in order. */
    List<RegisteredRoute> registered() {
        return List.copyOf(registered);
    }

    private void addExactly(HandlerType method, String path, Operation operation, Optional<Env> env,
                            ApiHandler handler) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(handler, "handler");
        routes.addHttpHandler(method, path, ctx -> {
            ctx.attribute(Operation.ATTRIBUTE, operation);
            handler.handle(new Exchange(ctx, env, json, maxBodyBytes));
        });
    }

    private static void requirePath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route paths start with '/': " + path);
        }
    }
}
