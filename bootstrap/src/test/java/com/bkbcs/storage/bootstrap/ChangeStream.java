package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A test client of one watch stream ({@code GET .../dynamic/watch/...}): every NDJSON line read,
 * parsed, in a queue the test takes from. Closing it drops the connection.
 */
final class ChangeStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private ChangeStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(line -> {
                    try {
                        lines.add(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (RuntimeException e) {
                // the connection was closed
            }
        }, "test-change-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code base + path}; fails unless the server answers 200. */
    static ChangeStream open(String base, String path) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String body;
            try (Stream<String> lines = response.body()) {
                body = String.join("\n", lines.toList());
            }
            throw new AssertionError("watch " + path + " answered " + response.statusCode() + ": " + body);
        }
        return new ChangeStream(response);
    }

    /**
     * The change events (not bookmarks) read until one line satisfies {@code done} (that line
     * included when it is a change), or fails after {@code timeout}.
     */
    List<JsonNode> changesUntil(Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
        List<JsonNode> changes = new ArrayList<>();
        long lastBookmark = -1;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the stream did not get there within " + timeout + "; last bookmark "
                        + lastBookmark + ", changes so far: " + changes);
            }
            if ("BOOKMARK".equals(line.path("type").asText())) {
                lastBookmark = line.path("revision").asLong();
            }
            if (!"BOOKMARK".equals(line.path("type").asText())) {
                changes.add(line);
            }
            if (done.test(line)) {
                return changes;
            }
        }
    }

    /** Reads until a line's revision reaches {@code revision}. */
    List<JsonNode> changesThrough(long revision, Duration timeout) throws InterruptedException {
        return changesUntil(line -> line.path("revision").asLong() >= revision, timeout);
    }

    /** Every change event read until the stream ended (the server went away), waiting up to {@code timeout}. */
    List<JsonNode> changesUntilTheEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        List<JsonNode> changes = new ArrayList<>();
        for (JsonNode line : lines) {
            if (!"BOOKMARK".equals(line.path("type").asText())) {
                changes.add(line);
            }
        }
        lines.clear();
        return changes;
    }

    /** The highest revision a listed document carries: what every watch must reach. */
    static long latestRevision(JsonNode list) {
        long latest = 0;
        for (JsonNode item : list.get("data")) {
            latest = Math.max(latest, item.get("revision").asLong());
        }
        return latest;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
