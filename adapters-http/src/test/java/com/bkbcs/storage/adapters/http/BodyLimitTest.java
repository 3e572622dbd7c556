package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.service.DynamicResourceService;
import com.bkbcs.storage.domain.ResourceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Bodies above the configured limit get a 413 with the envelope, whether their length is declared or not. */
class BodyLimitTest {
    private static final int LIMIT = 1024;
    private static final String ONE = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/c/namespaces/ns/Pod/web";
    private static final String LIST = "/bcsapi/v4/storage/mesos/dynamic/namespace_resources/clusters/c/namespaces/ns/Pod";

    private static InMemoryResourceStore store;
    private static HttpServer server;
    private static Http http;
    private static final ResourceKey SEEDED = ResourceKey.namespaced("c", "ns", "Pod", "web");

    @BeforeAll
    static void start() {
        store = new InMemoryResourceStore();
        DynamicResourceService service = new DynamicResourceService(store, new TestClock(DynamicApiFixture.T0));
        server = HttpServer.start(new HttpSettings(0, LIMIT), List.of(new DynamicRoutes(service, service, service,
                service, service, Watches.idle())));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void seed() {
        store.upsert(SEEDED, "seeded", DynamicApiFixture.T0);
    }

    private static String bodyOfSize(int size) {
        String start = "{\"data\": \"";
        String end = "\"}";
        return start + "x".repeat(size - start.length() - end.length()) + end;
    }

    private static void assertUnchanged() {
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.find(SEEDED).map(r -> r.data())).isEqualTo(Optional.of("seeded"));
    }

    @Test
    void bodyAtTheLimitIsAccepted() {
        DynamicApiFixture.assertSuccess(http.put(ONE, bodyOfSize(LIMIT)));
        assertThat(store.find(SEEDED).map(r -> ((String) r.data()).length())).contains(LIMIT - 12);
    }

    @Test
    void declaredLengthOverTheLimitIs413() {
        DynamicApiFixture.assertFailure(http.put(ONE, bodyOfSize(LIMIT + 1)), 413, 10003,
                "Put resource failed: the request body is larger than 1024 bytes", false);
        assertUnchanged();
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        byte[] body = bodyOfSize(3 * LIMIT).getBytes(UTF_8);
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        DynamicApiFixture.assertFailure(http.send("PUT", ONE, chunked), 413, 10003,
                "Put resource failed: the request body is larger than 1024 bytes", false);
        assertUnchanged();
    }

    @Test
    void batchDeleteBodyOverTheLimitIs413() {
        String body = "{\"updateTimeBegin\": 0, \"pad\": \"" + "x".repeat(LIMIT) + "\"}";
        DynamicApiFixture.assertFailure(http.send("DELETE", LIST, body), 413, 10005,
                "Delete resource failed: the request body is larger than 1024 bytes", false);
        assertUnchanged();
    }
}
