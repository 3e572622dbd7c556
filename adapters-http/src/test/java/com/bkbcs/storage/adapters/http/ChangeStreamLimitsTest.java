package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.dynamic.ChangeStreamRoutes;
import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.service.ChangeHub;
import com.bkbcs.storage.application.service.DynamicResourceService;
import com.bkbcs.storage.application.service.WatchResourcesService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What bounds change streams: --watch-max (429 beyond it) and a stop that does not wait for open streams. */
class ChangeStreamLimitsTest {
    private static final String WATCH = "/bcsstorage/v1/k8s/dynamic/watch/clusters/c1/Pod";

    private InMemoryResourceStore store;
    private ChangeHub hub;
    private HttpServer server;

    @BeforeEach
    void hub() {
        store = new InMemoryResourceStore();
        hub = new ChangeHub(store, Duration.ofMillis(50), 64);
        hub.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        hub.close();
    }

    private void start(HttpSettings settings) {
        DynamicResourceService service = new DynamicResourceService(store, Clock.systemUTC(), hub::nudge);
        WatchResourcesService watches = new WatchResourcesService(store, hub);
        server = HttpServer.start(settings, List.of(new DynamicRoutes(service, service, service, service, service, watches),
                new ChangeStreamRoutes(watches, service)));
    }

    @Test
    void beyondWatchMaxStreamsAWatchIs429WithTheEnvelopeUntilOneEnds() throws Exception {
        start(new HttpSettings(0).withStreams(StreamSettings.DEFAULTS.withMaxStreams(2)
                .withBookmarkInterval(Duration.ofMillis(100))));
        try (WatchStream one = WatchStream.get(server.port(), WATCH);
             WatchStream two = WatchStream.post(server.port(), "/bcsapi/v4/storage/dynamic/watch/c1/Pod", "{}")) {
            assertThat(one.status).isEqualTo(200);
            assertThat(two.status).isEqualTo(200);
            try (WatchStream third = WatchStream.get(server.port(), WATCH)) {
                assertThat(third.status).isEqualTo(429);
                DynamicApiFixture.assertFailure(third.reply(), 429, 10006,
                        "List resource failed: 2 change streams are open, the most this server serves at once; retry later",
                        true);
            }
            try (WatchStream compat = WatchStream.post(server.port(), "/bcsstorage/v1/dynamic/watch/c1/Pod", "{}")) {
                assertThat(compat.status).isEqualTo(429);
            }
            one.close();
            // the server notices the client went away at its next bookmark, and the slot is free again
            long deadline = System.nanoTime() + WatchStream.GENEROUS.toNanos();
            int status;
            do {
                try (WatchStream again = WatchStream.get(server.port(), WATCH + "?timeoutSeconds=1")) {
                    status = again.status;
                }
                Thread.sleep(50);
            } while (status == 429 && System.nanoTime() < deadline);
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void stoppingTheServerEndsOpenStreamsWithoutWaitingForThem() throws Exception {
        start(new HttpSettings(0).withShutdownTimeout(Duration.ofSeconds(30)));
        try (WatchStream ndjson = WatchStream.get(server.port(), WATCH);
             WatchStream compat = WatchStream.post(server.port(), "/bcsstorage/v1/dynamic/watch/c1/Pod", "{}")) {
            assertThat(ndjson.status).isEqualTo(200);
            assertThat(compat.status).isEqualTo(200);
            long started = System.nanoTime();
            server.close();
            server = null;
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(ndjson.rest(WatchStream.GENEROUS))
                    .allSatisfy(line -> assertThat(line.path("type").asText()).isEqualTo("BOOKMARK"));
            assertThat(compat.rest(WatchStream.GENEROUS)).isEmpty();
        }
    }
}
