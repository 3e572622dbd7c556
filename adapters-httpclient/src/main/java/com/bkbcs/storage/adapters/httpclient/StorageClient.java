package com.bkbcs.storage.adapters.httpclient;

import com.fasterxml.jackson.core.JsonProcessingException;

import javax.net.ssl.SSLException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * A client of the storage API: one request per call, the envelope unwrapped, failures as {@link
 * StorageClientException}; lists paged through transparently; a change stream followed across
 * dropped connections and restarts of the server. Thread-safe.
 */
public final class StorageClient {
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);
    /** The server's limit for one stream; the client reconnects after it. */
    private static final long MAX_STREAM_SECONDS = 1800;

    private final ClientSettings settings;
    private final String base;
    private final Optional<String> authorization;
    private final HttpClient http;

    public StorageClient(ClientSettings settings) {
        this.settings = settings;
        String server = settings.server().toString();
        this.base = (server.endsWith("/") ? server.substring(0, server.length() - 1) : server) + ApiPaths.PREFIX;
        this.authorization = settings.tokenFile().map(StorageClient::bearer);
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout());
        Tls.context(settings).ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    private static String bearer(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("--token-file " + file + " is empty");
            }
            return "Bearer " + token;
        } catch (IOException e) {
            throw new IllegalArgumentException("--token-file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The full URL of a route, as requests use it (and {@code --dry-run} prints it). */
    public URI uri(String path, Query query) {
        return URI.create(base + path + query.encoded());
    }

    /** GET of one object: the envelope's {@code data}. */
    public Map<String, Object> get(String path, Query query) {
        return Documents.asObject(envelope(send("GET", path, query, null)).get("data"));
    }

    /** One GET of a list, as the server answers it. */
    public Page list(String path, Query query) {
        Map<String, Object> envelope = envelope(send("GET", path, query, null));
        Object data = envelope.get("data");
        List<Object> items = data instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        return new Page(items, number(envelope.get("revision")), number(envelope.get("total")));
    }

    /**
     * Every item of a list, {@code chunkSize} per request ({@code offset}/{@code limit}, 0 = all at
     * once), at most {@code limit} items (0 = all). {@code progress} hears the count after each page.
     * The revision and the total are the first page's: the revision is read before the list, so a
     * watch from it misses nothing written while paging.
     */
    public Page listAll(String path, Query query, int chunkSize, long limit, LongConsumer progress) {
        if (chunkSize < 0 || limit < 0) {
            throw new IllegalArgumentException("--chunk-size and --limit must not be negative");
        }
        List<Object> items = new ArrayList<>();
        OptionalLong revision = OptionalLong.empty();
        OptionalLong total = OptionalLong.empty();
        long offset = 0;
        while (true) {
            long want = chunkSize == 0 ? limit : limit == 0 ? chunkSize : Math.min(chunkSize, limit - items.size());
            Query paged = query.with("offset", offset == 0 ? null : Long.toString(offset))
                    .with("limit", want == 0 ? null : Long.toString(want));
            Page page = list(path, paged);
            if (offset == 0) {
                revision = page.revision();
                total = page.total();
            }
            items.addAll(page.items());
            offset += page.items().size();
            progress.accept(items.size());
            boolean lastPage = want == 0 || page.items().size() < want;
            if (lastPage || (limit > 0 && items.size() >= limit)) {
                return new Page(items, revision, total);
            }
        }
    }

    /** PUT of a JSON body. */
    public void put(String path, Object body) {
        envelope(send("PUT", path, Query.empty(), Documents.toJson(body)));
    }

    /** DELETE of one resource, or a batch delete with filters. */
    public void delete(String path, Query query) {
        envelope(send("DELETE", path, query, null));
    }

    /**
     * Follows the change stream at {@code watchPath} until {@code deadline} or until the listener
     * says stop. Without {@code since} it first lists {@code listPath} with the same {@code filters}
     * and hands each object on as {@code ADDED} at the list's revision. A stream that ends (the
     * server's timeout, a stop) or drops is resumed from the last revision seen; while the server
     * is away, stopping (503) or has too many streams (429) the watch retries, waiting 0.2 s, doubling up to 5 s. A 410 (the revision is out of
     * the history, or from another store) lists again. A failure before anything was received
     * (unreachable, refused) is thrown.
     */
    public void watch(String watchPath, String listPath, Query filters, OptionalLong since, Instant deadline,
                      WatchListener listener) {
        OptionalLong from = since;
        boolean connected = false;
        Duration wait = FIRST_RETRY;
        // each listed object's own revision: the list's revision may lag a write the list already
        // shows, and the stream then repeats that write; it is dropped rather than shown twice
        Map<Object, Long> listedAt = new HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            try {
                if (from.isEmpty()) {
                    Page listed = listAll(listPath, filters, 500, 0, n -> { });
                    connected = true;
                    long revision = listed.revision().orElseThrow(() -> StorageClientException.refused(200,
                            "the list carried no revision: the server does not serve watches"));
                    listedAt.clear();
                    for (Object item : listed.items()) {
                        Map<String, Object> object = Documents.asObject(item);
                        number(object.get("revision")).ifPresent(at -> listedAt.put(object.get("_id"), at));
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("type", "ADDED");
                        line.put("revision", revision);
                        line.put("object", item);
                        if (!listener.onEvent(new WatchEvent("ADDED", revision, Documents.asObject(item),
                                Documents.toJson(line), true))) {
                            return;
                        }
                    }
                    from = OptionalLong.of(revision);
                }
                long[] cursor = {from.getAsLong()};
                try {
                    boolean stopped = stream(watchPath, filters, cursor, deadline, listedAt, listener);
                    connected = true;
                    wait = FIRST_RETRY;
                    if (stopped) {
                        return;
                    }
                } finally {
                    from = OptionalLong.of(cursor[0]);
                }
            } catch (StorageClientException e) {
                if (e.isGone()) {
                    listener.onRelist(e.getMessage());
                    from = OptionalLong.empty();
                    continue;
                }
                if (!e.isTransient() || !connected) {
                    throw e;
                }
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative()) {
                    return;
                }
                Duration pause = wait.compareTo(left) < 0 ? wait : left;
                listener.onReconnect(e.getMessage(), from.orElse(0), pause);
                sleep(pause);
                wait = wait.multipliedBy(2).compareTo(LAST_RETRY) < 0 ? wait.multipliedBy(2) : LAST_RETRY;
            }
        }
    }

    /** One stream from {@code cursor[0]}; {@code cursor[0]} follows every line. True when the listener stopped. */
    private boolean stream(String path, Query filters, long[] cursor, Instant deadline, Map<Object, Long> listedAt,
                           WatchListener listener) {
        long seconds = Math.max(1, Math.min(MAX_STREAM_SECONDS,
                (long) Math.ceil(Duration.between(Instant.now(), deadline).toMillis() / 1000.0)));
        Query query = filters.with("since", Long.toString(cursor[0])).with("timeoutSeconds", Long.toString(seconds));
        HttpResponse<InputStream> response = exchange(request("GET", path, query, null, false),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                envelope(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> event = Documents.asObject(parse(line));
                long revision = number(event.get("revision")).orElse(cursor[0]);
                String type = String.valueOf(event.get("type"));
                cursor[0] = revision;
                Map<String, Object> object = Documents.asObject(event.get("object"));
                Long listed = listedAt.get(object.get("_id"));
                if (listed != null && revision <= listed) {
                    continue; // the list already showed this change
                }
                if (!listener.onEvent(new WatchEvent(type, revision, object, line, false))) {
                    return true;
                }
                if (!Instant.now().isBefore(deadline)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw StorageClientException.unreachable("the stream from " + settings.server() + " dropped: " + describe(e), e);
        }
    }

    private HttpResponse<String> send(String method, String path, Query query, String body) {
        return exchange(request(method, path, query, body, true), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest request(String method, String path, Query query, String body, boolean timed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (timed) {
            request.timeout(settings.requestTimeout());
        }
        authorization.ifPresent(token -> request.header("Authorization", token));
        return request.build();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw StorageClientException.unreachable("cannot reach " + settings.server() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StorageClientException.unreachable("interrupted while waiting for " + settings.server(), e);
        }
    }

    private static Map<String, Object> envelope(HttpResponse<String> response) {
        return envelope(response.statusCode(), response.body());
    }

    /** The envelope of a 200 with {@code result: true}; anything else is a refusal with the server's message. */
    private static Map<String, Object> envelope(int status, String body) {
        Object parsed;
        try {
            parsed = parse(body);
        } catch (StorageClientException notJson) {
            String text = body == null ? "" : body.strip();
            throw StorageClientException.refused(status, text.isEmpty() ? "no envelope in the answer"
                    : "not an envelope: " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
        }
        Map<String, Object> envelope = Documents.asObject(parsed);
        if (status != 200 || !Boolean.TRUE.equals(envelope.get("result"))) {
            Object message = envelope.get("message");
            throw StorageClientException.refused(status, message == null ? "no message in the answer" : message.toString());
        }
        return envelope;
    }

    private static Object parse(String json) {
        try {
            return Documents.parseJson(json);
        } catch (JsonProcessingException e) {
            throw StorageClientException.invalidInput("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static OptionalLong number(Object value) {
        return value instanceof Number number ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + settings.requestTimeout().toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + settings.requestTimeout().toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return "TLS failed: " + cause.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StorageClientException.unreachable("interrupted", e);
        }
    }
}
