package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.Env;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One request as a handler sees it: path parameters, the query parameters (validated by the
 * registry against what the route accepts before the handler runs), the JSON body (read with the
 * size limit, its members checked against what the route documents) and the ways to answer with
 * success. Failures are thrown as {@link StorageException}s and rendered by the error mapper.
 */
public final class Exchange {
    private final Context ctx;
    private final Optional<Env> env;
    private final JsonCodec json;
    private final long maxBodyBytes;
    private final QueryLimits limits;
    private final Deadline deadline;
    private final Streams streams;
    private Accepted accepted;
    private QueryParameters query;

    Exchange(Context ctx, Optional<Env> env, RequestRules rules, Deadline deadline) {
        this.ctx = ctx;
        this.env = env;
        this.json = rules.json();
        this.maxBodyBytes = rules.maxBodyBytes();
        this.limits = rules.limits();
        this.deadline = deadline;
        this.streams = rules.streams();
    }

    /** Reads the query string with what the route accepts; unknown parameters are bad input. */
    void accept(Accepted routeAccepts) {
        this.accepted = Objects.requireNonNull(routeAccepts, "accepted");
        this.query = QueryParameters.of(rawQuery(), json, routeAccepts, limits);
    }

    /** The environment matched by a route registered with {@code {env}}; empty for other routes. */
    public Optional<Env> env() {
        return env;
    }

    /** A path parameter, percent-decoded; names are validated by the domain values built from it. */
    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    /**
     * The query string, decoded strictly (malformed escapes or UTF-8 are bad input, unlike
     * Javalin's lenient decoding), its names checked against what the route accepts (a name with
     * a {@code $} segment is always bad input) and its size against the limits.
     */
    public QueryParameters query() {
        if (query == null) {
            throw new IllegalStateException("the route declared no accepted parameters");
        }
        return query;
    }

    /**
     * Parameters that did not come from the query string (a POST body carrying them as a JSON
     * object, say), read with the same rules and the same accepted names.
     */
    public QueryParameters parameters(Map<String, List<String>> raw) {
        return QueryParameters.of(raw, json, Objects.requireNonNull(accepted, "accepted"), limits);
    }

    /** The query string's parameters as decoded, before any rule is applied. */
    public Map<String, List<String>> rawQuery() {
        return Utf8.parseQuery(ctx.queryString());
    }

    /**
     * The body, which must be one JSON object with only the {@code members} the route documents;
     * anything else, an empty body included, is bad input.
     */
    public Map<String, Object> jsonObjectBody(Accepted members) {
        return optionalJsonObjectBody(members)
                .orElseThrow(() -> StorageException.badInput("the request body must not be empty"));
    }

    /**
     * The body as a JSON object with only the {@code members} the route documents, or empty when
     * there is no body (or only white space); a body that is anything but one JSON object, or has
     * a member the route does not document, is bad input.
     */
    public Optional<Map<String, Object>> optionalJsonObjectBody(Accepted members) {
        Optional<Map<String, Object>> body = optionalJsonObjectBody();
        body.ifPresent(object -> members.require(object.keySet(), "body member"));
        return body;
    }

    /**
     * The body as a JSON object whose members a route checks itself (the typed query's POST,
     * whose members are parameters), or empty when there is no body.
     */
    public Optional<Map<String, Object>> optionalJsonObjectBody() {
        byte[] body = body();
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                if (json.parse(body, "the request body") instanceof Map<?, ?> object) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) object;
                    return Optional.of(typed);
                }
                throw StorageException.badInput("the request body must be a JSON object");
            }
        }
        return Optional.empty();
    }

    private byte[] body() {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes((int) maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw StorageException.badInput("the request body could not be read: " + e.getMessage());
        }
    }

    private StorageException tooLarge() {
        return new StorageException(ErrorKind.TOO_LARGE, "the request body is larger than " + maxBodyBytes + " bytes");
    }

    /** Success with {@code data: null}, as every write answers. */
    public void ok() {
        ok(null);
    }

    public void ok(Object data) {
        deadline.check();
        ctx.status(200).contentType(JsonCodec.CONTENT_TYPE).result(json.write(EnvelopeJson.success(data)));
    }

    /**
     * A 200 of {@code contentType} whose body {@code body} streams, on a thread of its own, until it
     * returns (see {@link Streams}): a 429 instead when the server has as many streams open as it
     * serves, a 503 once it is stopping. A HEAD gets the 200 and the content type, and no stream.
     */
    public void stream(String contentType, StreamBody body) {
        if (ctx.method() == HandlerType.HEAD) {
            ctx.status(200).contentType(contentType);
            return;
        }
        streams.start(ctx, contentType, body);
    }

    /** How long a change stream may stay silent before it says it is alive. */
    public Duration bookmarkInterval() {
        return streams.bookmarkInterval();
    }

    /** A 200 that is not an envelope ({@code /metrics}, {@code /openapi.json}): the body as given. */
    void raw(String contentType, Object body) {
        ctx.status(200).contentType(contentType);
        if (body instanceof byte[] bytes) {
            ctx.result(bytes);
        } else {
            ctx.result(String.valueOf(body));
        }
    }

    /**
     * Success with {@code data} = the items, streamed: the first item is fetched before anything is
     * written, so a store that fails when the query opens still gets a proper error envelope.
     * Closes the stream.
     */
    public void okList(Stream<?> items) throws IOException {
        okList(items, Map.of());
    }

    /** As {@link #okList(Stream)}, with {@code "total": total} after the list (event and alarm lists). */
    public void okList(Stream<?> items, long total) throws IOException {
        okList(items, Map.of("total", total));
    }

    /**
     * As {@link #okList(Stream)}, with {@code "revision": revision} after the list (dynamic data:
     * a change stream started from it misses no change made after the list was read).
     */
    public void okListAtRevision(Stream<?> items, long revision) throws IOException {
        okList(items, Map.of("revision", revision));
    }

    private void okList(Stream<?> items, Map<String, Long> after) throws IOException {
        try (items) {
            Iterator<?> iterator = items.iterator();
            iterator.hasNext();
            deadline.check();
            ctx.status(200).contentType(JsonCodec.CONTENT_TYPE);
            json.writeList(ctx.outputStream(), iterator, after);
        }
    }
}
