package com.bkbcs.storage.adapters.http.testing;

import com.bkbcs.storage.adapters.http.Operation;
import com.bkbcs.storage.adapters.http.RouteRegistry;
import com.bkbcs.storage.adapters.http.Routes;
import io.javalin.http.HandlerType;

import java.util.Objects;

/**
 * {@code POST /testing/reset}: empties every store, for test suites that share one server between
 * tests. Served only when the service runs on the memory stores (the composition root adds these
 * routes then and only then), never on stores that hold real data; outside the API prefixes and
 * outside the OpenAPI document. Answers {@code data: null}; with a bearer token it needs the token
 * like any route.
 */
public final class TestingRoutes implements Routes {
    public static final String RESET = "/testing/reset";

    private final Runnable reset;

    public TestingRoutes(Runnable reset) {
        this.reset = Objects.requireNonNull(reset, "reset");
    }

    @Override
    public void addTo(RouteRegistry registry) {
        registry.addOutsideTheApi(HandlerType.POST, RESET, Operation.DELETE_RESOURCE, exchange -> {
            reset.run();
            exchange.ok();
        });
    }
}
