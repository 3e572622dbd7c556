package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.watch.Env;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * One request as a handler sees it: path parameters, validated query parameters, the JSON body
 * (read with the size limit) and the ways to answer with success. Failures are thrown as
 * {@link StorageException}s and rendered by the error mapper.
 */
public final class Exchange {
    private final Context ctx;
    private final Optional<Env> env;
    private final JsonCodec json;
    private final long maxBodyBytes;
    private QueryParameters query;

    Exchange(Context ctx, Optional<Env> env, JsonCodec json, long maxBodyBytes) {
        this.ctx = ctx;
        this.env = env;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
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
     * Javalin's lenient decoding); a parameter name with a {@code $} segment is bad input.
     */
    public QueryParameters query() {
        if (query == null) {
            query = QueryParameters.of(Utf8.parseQuery(ctx.queryString()), json);
        }
        return query;
    }

    /**
     * Parameters that did not come from the query string (a POST body carrying them as a JSON
     * object, say), read with the same rules.
     */
    public QueryParameters parameters(Map<String, List<String>> raw) {
        return QueryParameters.of(raw, json);
    }

    /** The query string's parameters as decoded, before any rule is applied. */
    public Map<String, List<String>> rawQuery() {
        return Utf8.parseQuery(ctx.queryString());
    }

    /** The body, which must be one JSON object; anything else, an empty body included, is bad input. */
    public Map<String, Object> jsonObjectBody() {
        return optionalJsonObjectBody()
                .orElseThrow(() -> StorageException.badInput("the request body must not be empty"));
    }

    /**
     * The body as a JSON object, or empty when there is no body (or only white space); a body
     * that is anything but one JSON object is bad input.
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
        ctx.status(200).contentType(JsonCodec.CONTENT_TYPE).result(json.write(EnvelopeJson.success(data)));
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
        okList(items, OptionalLong.empty());
    }

    /** As {@link #okList(Stream)}, with {@code "total": total} after the list (event and alarm lists). */
    public void okList(Stream<?> items, long total) throws IOException {
        okList(items, OptionalLong.of(total));
    }

    private void okList(Stream<?> items, OptionalLong total) throws IOException {
        try (items) {
            Iterator<?> iterator = items.iterator();
            iterator.hasNext();
            ctx.status(200).contentType(JsonCodec.CONTENT_TYPE);
            json.writeList(ctx.outputStream(), iterator, total);
        }
    }
}
