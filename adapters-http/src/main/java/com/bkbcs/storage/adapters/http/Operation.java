package com.bkbcs.storage.adapters.http;

import io.javalin.http.Context;

import java.util.Locale;
import java.util.Objects;

/**
 * What a route does, as far as failures are concerned: the API document's error code and message
 * for that operation, and whether its {@code data} is a list (failures then carry {@code []}
 * rather than {@code null}). Each registered route names its operation; the error mapper picks
 * the code from it and the HTTP status from the cause.
 *
 * <p>Requests that match no route have no operation; {@link #forMethod} picks one by HTTP method:
 * PUT, POST and PATCH fail as "Put resource failed" (10003), DELETE as "Delete resource failed"
 * (10005), GET and anything else as "Get resource failed" (10004), all with {@code data: null}.
 * That covers unknown routes (404), wrong methods (405) and requests the HTTP server rejects
 * before routing (bad URI encoding, 400).
 */
public record Operation(int code, String failure, boolean listsData) {
    public static final Operation PUT_RESOURCE = new Operation(10003, "Put resource failed", false);
    public static final Operation GET_RESOURCE = new Operation(10004, "Get resource failed", false);
    public static final Operation DELETE_RESOURCE = new Operation(10005, "Delete resource failed", false);
    public static final Operation LIST_RESOURCES = new Operation(10006, "List resource failed", true);
    /** {@code GET /readyz}: not one of the document's operations; it fails as a read does. */
    public static final Operation READINESS = new Operation(10004, "Not ready", false);

    static final String ATTRIBUTE = "bcs.operation";

    public Operation {
        if (code == 0) {
            throw new IllegalArgumentException("failure codes are never 0");
        }
        Objects.requireNonNull(failure, "failure");
    }

    public static Operation forMethod(String method) {
        return switch (method == null ? "" : method.toUpperCase(Locale.ROOT)) {
            case "PUT", "POST", "PATCH" -> PUT_RESOURCE;
            case "DELETE" -> DELETE_RESOURCE;
            default -> GET_RESOURCE;
        };
    }

    /** The operation of the route that matched the request, else the one its method implies. */
    static Operation of(Context ctx) {
        Operation operation = ctx.attribute(ATTRIBUTE);
        return operation != null ? operation : forMethod(ctx.method().name());
    }
}
