package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.ops.Readiness;
import com.bkbcs.storage.domain.StorageException;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place failures become responses. The error code comes from the route's
 * {@link Operation} (by HTTP method when no route matched); the HTTP status from the cause:
 * {@link StorageException} kinds BAD_INPUT 400, NOT_FOUND 404, GONE 410, TOO_LARGE 413, BUSY 429, UNAVAILABLE 503,
 * INTERNAL 500; Javalin's own 404 (no route), 405 (wrong method) and 413 keep their status; any
 * other exception is a 500 whose details stay in the log, never in the body. A 405 carries an
 * {@code Allow} header naming the methods the path does serve (HEAD wherever GET is). A missing or wrong
 * bearer token is a 401. A failed readiness check is a 503 whose {@code data} holds each check's
 * state; it is not logged (the stores' own clients log their outages).
 *
 * <p>A list that fails while it is being streamed can no longer get an envelope once the response
 * is committed (past Jetty's output buffer); the connection is then closed under it, so the client
 * sees a broken response instead of a well-formed list that silently lacks items. Earlier failures
 * discard the buffered part and get the envelope as usual.
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    /** During an outage every request fails alike: one WARN per this long, the rest at DEBUG. */
    static final Duration UNAVAILABLE_WARNING_INTERVAL = Duration.ofSeconds(10);

    private final JsonCodec json;
    private final AtomicLong nextUnavailableWarning = new AtomicLong(System.nanoTime());

    ErrorMapper(JsonCodec json) {
        this.json = json;
    }

    void handle(Exception failure, Context ctx) {
        Operation operation = Operation.of(ctx);
        if (failure instanceof Readiness.NotReady notReady) {
            ctx.status(503).contentType(JsonCodec.CONTENT_TYPE).result(json.write(new EnvelopeJson(false, operation.code(),
                    operation.failure() + ": " + notReady.getMessage(), notReady.readiness())));
            return;
        }
        int status;
        String detail;
        if (failure instanceof StorageException storage) {
            status = status(storage);
            detail = storage.getMessage();
        } else if (failure instanceof HttpResponseException http) {
            status = http.getStatus();
            detail = describe(http, ctx);
            allowed(http).ifPresent(methods -> ctx.header(Header.ALLOW, methods));
        } else {
            status = 500;
            detail = "internal error";
        }
        if (ctx.res().isCommitted()) {
            abort(ctx, failure);
            return;
        }
        if (status == 500) {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), failure);
        } else if (status == 503) {
            logUnavailable(ctx, failure);
        }
        ctx.res().resetBuffer();
        ctx.status(status)
                .contentType(JsonCodec.CONTENT_TYPE)
                .result(json.write(EnvelopeJson.failure(operation, detail)));
    }

    /**
     * A 503 is logged as a WARN at most once per {@link #UNAVAILABLE_WARNING_INTERVAL}; the others
     * of the same outage go to DEBUG, so a store that is down does not flood the log with one
     * line per request (the access log and the metrics still count each).
     */
    private void logUnavailable(Context ctx, Exception failure) {
        long now = System.nanoTime();
        long next = nextUnavailableWarning.get();
        if (now - next >= 0 && nextUnavailableWarning.compareAndSet(next, now + UNAVAILABLE_WARNING_INTERVAL.toNanos())) {
            LOG.warn("{} {} failed: {} (further 503s in the next {} s are logged at DEBUG)", ctx.method(), ctx.path(),
                    failure.getMessage(), UNAVAILABLE_WARNING_INTERVAL.toSeconds());
        } else {
            LOG.debug("{} {} failed: {}", ctx.method(), ctx.path(), failure.getMessage());
        }
    }

    private static int status(StorageException failure) {
        return switch (failure.kind()) {
            case BAD_INPUT -> 400;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case GONE -> 410;
            case BUSY -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    private static String describe(HttpResponseException failure, Context ctx) {
        return switch (failure.getStatus()) {
            case 401 -> "a valid bearer token is required (Authorization: Bearer <token>)";
            case 404 -> "no such route: " + ctx.method() + " " + ctx.path();
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "the request body is too large";
            default -> failure.getMessage();
        };
    }

    /** The methods a 405's path serves, as Javalin found them for its {@link MethodNotAllowedResponse}. */
    private static Optional<String> allowed(HttpResponseException failure) {
        if (!(failure instanceof MethodNotAllowedResponse)) {
            return Optional.empty();
        }
        // Javalin names the entry differently when the client accepts HTML
        String methods = failure.getDetails().getOrDefault("availableMethods", failure.getDetails().get("Available methods"));
        return Optional.ofNullable(methods);
    }

    /** Closes the connection under a response already on its way, so it cannot end well-formed. */
    private static void abort(Context ctx, Exception failure) {
        LOG.error("{} {} failed after the response was committed; closing the connection", ctx.method(), ctx.path(),
                failure);
        Connection.cut(ctx, failure);
    }
}
