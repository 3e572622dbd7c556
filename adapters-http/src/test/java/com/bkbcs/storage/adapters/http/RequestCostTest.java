package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.query.TypedQueryRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.service.DynamicResourceService;
import com.bkbcs.storage.application.service.RunTypedQueryService;
import com.bkbcs.storage.domain.ResourceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertFailure;
import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertSuccess;
import static com.bkbcs.storage.adapters.http.DynamicApiFixture.names;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request has a bounded cost: each {@link QueryLimits} limit is sent at and just past its
 * value (past it: a 400 naming the limit and its option, and nothing deleted), the issue's own
 * reproductions are refused at once under the default limits, and a read whose answer is not
 * ready within the read timeout is a 503, while a write through the same slow store completes.
 */
class RequestCostTest {
    private static final Instant T = Instant.parse("2018-03-14T10:01:38.892Z");
    private static final QueryLimits SMALL = new QueryLimits(3, 4, 2, 2, 400);
    private static final String LIST = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/c1/namespaces/ns/Pod";
    private static final String QUERY = "/bcsstorage/v1/query/k8s/dynamic/clusters/c1/pod";

    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private HttpServer server;
    private Http http;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(HttpSettings settings, ResourceStore resources) {
        DynamicResourceService service = new DynamicResourceService(resources, java.time.Clock.systemUTC());
        server = HttpServer.start(settings, List.of(new DynamicRoutes(service, service, service, service, service, Watches.idle()),
                new TypedQueryRoutes(new RunTypedQueryService(resources))));
        http = new Http(server.port());
        for (String name : List.of("a", "b", "c", "d", "e")) {
            store.upsert(ResourceKey.namespaced("c1", "ns", "Pod", name), Map.of("metadata", Map.of("name", name,
                    "labels", Map.of("app", name))), T);
        }
    }

    private void assertTooMuch(Http.Reply reply, String message) {
        assertFailure(reply, 400, 10006, "List resource failed: " + message, true);
    }

    @Test
    void fieldPaths() {
        start(new HttpSettings(0).withLimits(SMALL), store);
        assertThat(http.get(LIST + "?field=resourceName,data.a,data.b").status()).isEqualTo(200);
        assertTooMuch(http.get(LIST + "?field=resourceName,data.a,data.b,data.c"),
                "too many paths in field: 4, at most 3 (--max-field-paths)");
        assertTooMuch(http.get(QUERY + "?field=resourceName,data.a&field=data.b,data.c"),
                "too many paths in field: 4, at most 3 (--max-field-paths)");
    }

    @Test
    void valuesOfOneAnyOfList() {
        start(new HttpSettings(0).withLimits(SMALL), store);
        assertThat(names(http.get(LIST + "?resourceName=a,b,c,d"))).hasSize(4);
        assertTooMuch(http.get(LIST + "?resourceName=a,b,c,d,e"), "too many values of resourceName: 5, at most 4 (--max-values)");
        assertTooMuch(http.get(LIST + "?resourceName=a,b&resourceName=c,d,e"),
                "too many values of resourceName: 5, at most 4 (--max-values)");
        assertTooMuch(http.get(QUERY + "?name=a,b,c,d,e"), "too many values of name: 5, at most 4 (--max-values)");
        assertTooMuch(http.get(LIST + "?labelSelector=" + Http.encode("app in (a,b,c,d,e)")),
                "too many values of labelSelector: 5, at most 4 (--max-values)");
        assertTooMuch(http.get(LIST + "?extra=" + Http.extra("{\"resourceName\": [\"a\",\"b\",\"c\",\"d\",\"e\"]}")),
                "too many values of extra 'resourceName': 5, at most 4 (--max-values)");
    }

    @Test
    void filterParametersAndExtraConditions() {
        start(new HttpSettings(0).withLimits(SMALL), store);
        assertThat(http.get(LIST + "?data.metadata.name=a&data.metadata.labels.app=a").status()).isEqualTo(200);
        assertTooMuch(http.get(LIST + "?data.metadata.name=a&data.metadata.labels.app=a&data.x=1"),
                "too many data.<path> filter parameters: 3, at most 2 (--max-filter-parameters)");
        assertThat(http.get(LIST + "?extra=" + Http.extra("{\"resourceName\": \"a\", \"namespace\": \"ns\"}")).status())
                .isEqualTo(200);
        assertTooMuch(http.get(LIST + "?extra=" + Http.extra("{\"resourceName\": \"a\", \"namespace\": \"ns\", \"data.x\": 1}")),
                "too many conditions in extra: 3, at most 2 (--max-extra-conditions)");
        assertTooMuch(http.get(LIST + "?extra=" + Http.extra("{\"resourceName\": \"a\", \"namespace\": \"ns\"}")
                        + "&extra=" + Http.extra("{\"data.x\": 1}")),
                "too many conditions in extra: 3, at most 2 (--max-extra-conditions)");
    }

    @Test
    void sizeOfTheWholeQuery() {
        start(new HttpSettings(0).withLimits(SMALL), store);
        assertThat(http.get(LIST + "?resourceName=" + "x".repeat(380)).status()).isEqualTo(200);
        assertTooMuch(http.get(LIST + "?resourceName=" + "x".repeat(400)), "the query is larger than 400 bytes (--max-query-bytes)");
        // a POST body counts as the query it carries
        assertTooMuch(http.send("POST", QUERY, "{\"name\": \"" + "x".repeat(400) + "\"}"),
                "the query is larger than 400 bytes (--max-query-bytes)");
    }

    @Test
    void aBatchDeletePastALimitDeletesNothing() {
        start(new HttpSettings(0).withLimits(SMALL), store);
        int before = store.size();
        for (String query : List.of("?resourceName=a,b,c,d,e", "?data.a=1&data.b=1&data.c=1", "?resourceName=" + "x".repeat(400),
                "?extra=" + Http.extra("{\"resourceName\": \"a\", \"namespace\": \"ns\", \"data.x\": 1}"))) {
            Http.Reply reply = http.delete(LIST + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json().path("message").asText()).as(query).startsWith("Delete resource failed: ");
        }
        assertThat(store.size()).isEqualTo(before);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theReviewsReproductionsAreRefusedAtOnceUnderTheDefaultLimits() {
        start(new HttpSettings(0), store);
        StringJoiner paths = new StringJoiner(",");
        for (int i = 0; i < 40_000; i++) {
            paths.add("data.p" + i);
        }
        // 40,000 field paths (about 0.5 MB): the projection check used to be quadratic (68 s of CPU)
        Http.Reply fields = http.send("POST", QUERY, "{\"field\": \"" + paths + "\"}");
        assertThat(fields.status()).isEqualTo(400);
        assertThat(fields.json().path("message").asText()).isEqualTo(
                "List resource failed: the query is larger than 65536 bytes (--max-query-bytes)");
        StringJoiner names = new StringJoiner("\",\"", "[\"", "\"]");
        for (int i = 0; i < 200_000; i++) {
            names.add("n" + i);
        }
        // 200,000 values of name (1.5 MB): used to hold the store for 26 s
        Http.Reply many = http.send("POST", QUERY, "{\"name\": " + names + "}");
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.json().path("message").asText()).startsWith("List resource failed: the query is larger than ");
        // under the byte limit, the count limits still hold
        StringJoiner some = new StringJoiner(",");
        for (int i = 0; i < 1_001; i++) {
            some.add("n" + i);
        }
        assertThat(http.get(LIST + "?resourceName=" + some).json().path("message").asText())
                .isEqualTo("List resource failed: too many values of resourceName: 1001, at most 1000 (--max-values)");
        assertThat(store.size()).isEqualTo(5);
    }

    @Test
    void aReadNotReadyWithinTheReadTimeoutIsA503AndAWriteIsNotCutShort() {
        start(new HttpSettings(0).withReadTimeout(Duration.ofMillis(100)), slow(store, 400));
        assertFailure(http.get(LIST), 503, 10006, "List resource failed: the answer was not ready within the read timeout "
                + "of 100 ms; retry later or narrow the query", true);
        assertFailure(http.get(LIST + "/a"), 503, 10004, "Get resource failed: the answer was not ready within the read "
                + "timeout of 100 ms; retry later or narrow the query", false);
        assertFailure(http.get(QUERY), 503, 10006, "List resource failed: the answer was not ready within the read timeout "
                + "of 100 ms; retry later or narrow the query", true);
        assertSuccess(http.put(LIST + "/f", "{\"data\": 1}"));
        assertThat(store.find(ResourceKey.namespaced("c1", "ns", "Pod", "f"))).isPresent();
        assertSuccess(http.delete(LIST + "/f"));
        assertThat(store.find(ResourceKey.namespaced("c1", "ns", "Pod", "f"))).isEmpty();
    }

    @Test
    void aReadWithinTheReadTimeoutIsAnswered() {
        start(new HttpSettings(0).withReadTimeout(Duration.ofSeconds(5)), slow(store, 50));
        assertThat(names(http.get(LIST))).hasSize(5);
        assertThat(http.get(LIST + "/a").status()).isEqualTo(200);
    }

    /** The store, answering every call {@code millis} late (a store under load, say). */
    private static ResourceStore slow(ResourceStore store, long millis) {
        return (ResourceStore) Proxy.newProxyInstance(ResourceStore.class.getClassLoader(), new Class<?>[]{ResourceStore.class},
                (proxy, method, args) -> {
                    Thread.sleep(millis);
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
