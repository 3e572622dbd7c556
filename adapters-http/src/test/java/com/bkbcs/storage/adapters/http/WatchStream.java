package com.bkbcs.storage.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A streamed response read line by line as it arrives, for change-stream tests: the response is
 * returned once its headers are in, a reader thread queues each line, {@link #next} waits for one.
 */
final class WatchStream implements AutoCloseable {
    static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String END = new String("end of stream");

    final int status;
    final String contentType;
    private final InputStream body;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private WatchStream(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.body = response.body();
        Thread reader = new Thread(this::read, "watch-stream-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static WatchStream get(int port, String path) {
        return open(port, HttpRequest.newBuilder(uri(port, path)).GET());
    }

    static WatchStream post(int port, String path, String body) {
        return open(port, HttpRequest.newBuilder(uri(port, path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static WatchStream open(int port, HttpRequest.Builder request) {
        try {
            return new WatchStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by the test or cut by the server: the end either way
        }
        lines.add(END);
    }

    /** The next line as JSON; fails when none arrives within {@link #GENEROUS} or the stream ended. */
    JsonNode next() throws InterruptedException {
        String line = lines.poll(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a line within %s", GENEROUS).isNotNull();
        if (line == END) {
            ended = true;
            lines.add(END);
            throw new AssertionError("the stream ended");
        }
        return Http.json(line);
    }

    /** The next line that is not a bookmark. */
    JsonNode nextEvent() throws InterruptedException {
        JsonNode line = next();
        while (line.path("type").asText().equals("BOOKMARK")) {
            line = next();
        }
        return line;
    }

    /** Every line up to the end of the stream (which must come within {@code within}). */
    List<JsonNode> rest(Duration within) throws InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("the end of the stream within %s, after %s", within, all).isNotNull();
            if (line == END) {
                ended = true;
                return all;
            }
            all.add(Http.json(line));
        }
    }

    /** The whole body of a response that is not a stream (an error envelope). */
    Http.Reply reply() throws InterruptedException {
        StringBuilder text = new StringBuilder();
        String line;
        while ((line = lines.poll(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)) != END) {
            assertThat(line).as("the end of the body").isNotNull();
            text.append(line);
        }
        return new Http.Reply(status, contentType, text.toString(), null);
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing only
        }
    }
}
