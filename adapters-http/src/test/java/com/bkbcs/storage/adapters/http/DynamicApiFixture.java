package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.dynamic.ChangeStreamRoutes;
import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.ops.Management;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.service.ChangeHub;
import com.bkbcs.storage.application.service.DynamicResourceService;
import com.bkbcs.storage.application.service.WatchResourcesService;
import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.ResourceKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server on a free port, wired with the dynamic-data service over the in-memory store and
 * a hand-moved clock, and change streams over the store's feed (a started hub, short bookmark
 * interval and write timeout, metrics in a registry of its own); one per test class. Each test
 * works in its own cluster.
 */
abstract class DynamicApiFixture {
    static final Instant T0 = Instant.parse("2018-03-14T10:01:38.892Z");
    static final String T0_TEXT = "2018-03-14T10:01:38.892Z";
    static final Pattern TIME_FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    static final List<String> BASES = List.of("/bcsstorage/v1/mesos", "/bcsstorage/v1/k8s",
            "/bcsapi/v4/storage/mesos", "/bcsapi/v4/storage/k8s");
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    /** Short, so tests see bookmarks and slow readers in a moment. */
    static final StreamSettings STREAMS = StreamSettings.DEFAULTS.withBookmarkInterval(Duration.ofMillis(100))
            .withWriteTimeout(Duration.ofMillis(500));

    static InMemoryResourceStore store;
    static TestClock clock;
    static ChangeHub hub;
    static SimpleMeterRegistry meters;
    static HttpServer server;
    static Http http;

    /** This test's own cluster id. */
    String cluster;

    @BeforeAll
    static void startServer() {
        store = new InMemoryResourceStore();
        clock = new TestClock(T0);
        hub = new ChangeHub(store, Duration.ofMillis(50), 4096);
        hub.start();
        DynamicResourceService service = new DynamicResourceService(store, clock, hub::nudge);
        WatchResourcesService watches = new WatchResourcesService(store, hub);
        meters = new SimpleMeterRegistry();
        server = HttpServer.start(new HttpSettings(0).withStreams(STREAMS),
                List.of(new DynamicRoutes(service, service, service, service, service, watches),
                        new ChangeStreamRoutes(watches, service)),
                new Management(meters, Optional.empty(), List.of()));
        http = new Http(server.port());
    }

    @AfterAll
    static void stopServer() {
        server.close();
        hub.close();
    }

    @BeforeEach
    void newCluster() {
        cluster = "BCS-K8S-" + (10_000 + CLUSTERS.incrementAndGet());
        clock.set(T0);
    }

    static Stream<String> bases() {
        return BASES.stream();
    }

    String nsPath(String base, String namespace, String type) {
        return base + "/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/" + namespace + "/" + type;
    }

    String clusterPath(String base, String type) {
        return base + "/dynamic/cluster_resources/clusters/" + cluster + "/" + type;
    }

    String allPath(String base, String type) {
        return base + "/dynamic/all_resources/clusters/" + cluster + "/" + type;
    }

    /** Stores a namespaced resource straight through the store, bypassing HTTP. */
    ResourceKey seed(String namespace, String type, String name, String dataJson) {
        ResourceKey key = ResourceKey.namespaced(cluster, namespace, type, name);
        store.upsert(key, toPlain(Http.json(dataJson)), clock.instant());
        return key;
    }

    ResourceKey seedClusterScoped(String type, String name, String dataJson) {
        ResourceKey key = ResourceKey.clusterScoped(cluster, type, name);
        store.upsert(key, toPlain(Http.json(dataJson)), clock.instant());
        return key;
    }

    static Object toPlain(JsonNode node) {
        return Http.JSON.convertValue(node, Object.class);
    }

    /** What the store holds, for "nothing changed" checks. */
    record Snapshot(int size, Map<String, Optional<Resource>> watched) {
    }

    Snapshot snapshot(ResourceKey... watched) {
        Map<String, Optional<Resource>> resources = new LinkedHashMap<>();
        for (ResourceKey key : watched) {
            resources.put(key.id(), store.find(key));
        }
        return new Snapshot(store.size(), resources);
    }

    /** Asserts the whole envelope; {@code expected} is JSON text. */
    static void assertReply(Http.Reply reply, int status, String expected) {
        assertThat(reply.contentType()).as("content type of %s", reply.body()).startsWith("application/json");
        JsonNode actual = reply.json();
        JsonNode wanted = Http.json(expected);
        if (actual.path("revision").isIntegralNumber() && !wanted.has("revision")) {
            // a list's envelope revision counts every test's writes; ChangeStreamRoutesTest pins down its meaning
            assertThat(actual.path("revision").asLong()).isNotNegative();
            ((ObjectNode) actual).remove("revision");
        }
        assertThat(actual).as("body with status %s", reply.status()).isEqualTo(wanted);
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    }

    static void assertSuccess(Http.Reply reply) {
        assertReply(reply, 200, """
                {"result": true, "code": 0, "message": "success", "data": null}""");
    }

    /** Asserts a failure envelope whose message is exactly {@code message}. */
    static void assertFailure(Http.Reply reply, int status, int code, String message, boolean listData) {
        ObjectNode expected = Http.JSON.createObjectNode();
        expected.put("result", false).put("code", code).put("message", message);
        if (listData) {
            expected.putArray("data");
        } else {
            expected.putNull("data");
        }
        assertReply(reply, status, expected.toString());
    }

    /** Asserts a failure envelope whose message starts with {@code messageStart} (for parser wording). */
    static void assertFailureStartingWith(Http.Reply reply, int status, int code, String messageStart,
                                          boolean listData) {
        JsonNode body = reply.json();
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(body.path("message").asText()).startsWith(messageStart);
        ObjectNode expected = Http.JSON.createObjectNode();
        expected.put("result", false).put("code", code).put("message", body.path("message").asText());
        if (listData) {
            expected.putArray("data");
        } else {
            expected.putNull("data");
        }
        assertThat(body).isEqualTo(expected);
    }

    /** The resource names of a successful list reply, in order. */
    static List<String> names(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode data = reply.json().path("data");
        assertThat(data.isArray()).as(reply.body()).isTrue();
        List<String> names = new ArrayList<>();
        data.forEach(item -> names.add(item.path("resourceName").asText()));
        return names;
    }
}
