package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.port.in.dynamic.ListResourcesUseCase;
import com.bkbcs.storage.application.service.DynamicResourceService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work stops when nobody waits for it: a list being streamed stops producing items (and its
 * stream, with the store cursor behind it, is closed) when the client goes away, and when the
 * server stops while a client has stopped reading.
 */
class StreamCancellationTest {
    private static final String LIST = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/c1/namespaces/ns/Pod";

    private final AtomicLong produced = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    /** A list that never ends, as a huge result would look to the server. */
    private final ListResourcesUseCase endless = query -> Stream.generate(() -> {
        long n = produced.incrementAndGet();
        return (Map<String, Object>) Map.<String, Object>of("resourceName", "item-" + n, "data", "x".repeat(1_000));
    }).onClose(closed::countDown);

    private void start(Duration shutdownTimeout) {
        DynamicResourceService service = new DynamicResourceService(new InMemoryResourceStore(), Clock.systemUTC());
        server = HttpServer.start(new HttpSettings(0).withShutdownTimeout(shutdownTimeout),
                List.of(new DynamicRoutes(service, service, service, endless, service, Watches.idle())));
    }

    private Socket request() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.getOutputStream().write(("GET " + LIST + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void aClientThatGoesAwayStopsTheList() throws Exception {
        start(Duration.ofSeconds(5));
        try (Socket socket = request()) {
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(256 * 1024)).hasSize(256 * 1024);
        }
        assertThat(closed.await(10, TimeUnit.SECONDS)).as("the stream was closed").isTrue();
        long after = produced.get();
        Thread.sleep(300);
        assertThat(produced.get()).isEqualTo(after);
    }

    @Test
    void aServerStoppingStopsAListWhoseClientStoppedReading() throws Exception {
        start(Duration.ofMillis(300));
        try (Socket socket = request()) {
            socket.setReceiveBufferSize(4096);
            // the client reads nothing: once the socket buffers are full, the server blocks writing
            long seen;
            do {
                seen = produced.get();
                Thread.sleep(200);
            } while (produced.get() != seen || seen == 0);
            server.close();
            assertThat(closed.await(10, TimeUnit.SECONDS)).as("the stream was closed").isTrue();
        }
    }
}
