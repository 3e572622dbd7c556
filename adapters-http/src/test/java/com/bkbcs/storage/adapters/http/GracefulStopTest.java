package com.bkbcs.storage.adapters.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** close() stops accepting at once, lets requests in flight finish, and waits no longer than the shutdown timeout. */
class GracefulStopTest {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    private final Routes slow = registry -> registry.put("/slow", Operation.PUT_RESOURCE, Accepted.NONE, exchange -> {
        entered.countDown();
        release.await(30, TimeUnit.SECONDS);
        exchange.ok("finished");
    });

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestInFlightFinishesWhileTheServerStopsAcceptingNewConnections() throws Exception {
        server = HttpServer.start(new HttpSettings(0).withShutdownTimeout(Duration.ofSeconds(20)), List.of(slow));
        int port = server.port();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> Client.of(server).send("PUT", "/bcsstorage/v1/slow", "{}"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        awaitRefused(port);
        assertThat(closing).as("close waits for the request in flight").isNotDone();

        release.countDown();
        HttpResponse<String> reply = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("\"data\":\"finished\"");
        closing.get(10, TimeUnit.SECONDS);
        server = null;
    }

    @Test
    void theWaitIsBoundedByTheShutdownTimeout() throws Exception {
        server = HttpServer.start(new HttpSettings(0).withShutdownTimeout(Duration.ofMillis(500)), List.of(slow));
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> Client.of(server).send("PUT", "/bcsstorage/v1/slow", "{}"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        server.close();
        server = null;
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(inFlight).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
                .withRootCauseInstanceOf(IOException.class);
    }

    @Test
    void aRequestArrivingOnAnOpenConnectionWhileStoppingGets503WithTheEnvelope() throws Exception {
        server = HttpServer.start(new HttpSettings(0).withShutdownTimeout(Duration.ofSeconds(20)), List.of(slow));
        int port = server.port();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> Client.of(server).send("PUT", "/bcsstorage/v1/slow", "{}"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        try (Socket open = new Socket("127.0.0.1", port)) {
            open.setSoTimeout(10_000);
            byte[] healthz = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            open.getOutputStream().write(healthz);
            assertThat(readResponse(open)).startsWith("HTTP/1.1 200");

            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            awaitRefused(port);
            open.getOutputStream().write(healthz);
            String stopping = readResponse(open);
            assertThat(stopping).startsWith("HTTP/1.1 503");
            assertThat(Http.json(stopping.substring(stopping.indexOf("\r\n\r\n") + 4))).isEqualTo(Http.json("""
                    {"result": false, "code": 10004, "message": "Get resource failed: HTTP server error: Service Unavailable",
                     "data": null}"""));
            release.countDown();
            assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            closing.get(10, TimeUnit.SECONDS);
        }
        server = null;
    }

    /** One response with a Content-Length body, read off a connection that stays open. */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(size), StandardCharsets.UTF_8);
    }

    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (IOException refused) {
                return;
            }
        }
        throw new UncheckedIOException(new IOException("port " + port + " still accepts connections"));
    }
}
