package com.bkbcs.storage.adapters.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.application.port.in.dynamic.DeleteResourceUseCase;
import com.bkbcs.storage.application.port.in.dynamic.DeleteResourcesUseCase;
import com.bkbcs.storage.application.port.in.dynamic.GetResourceUseCase;
import com.bkbcs.storage.application.port.in.dynamic.ListResourcesUseCase;
import com.bkbcs.storage.application.port.in.dynamic.PutResourceUseCase;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ConnectException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertFailure;
import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server itself: health, request ids, how store failures map, streaming, shutdown. */
class HttpServerTest {
    private static final String ONE = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/c/namespaces/ns/Pod/p";
    private static final String LIST = "/bcsapi/v4/storage/mesos/dynamic/cluster_resources/clusters/c/Node";

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A server whose use cases all fail with {@code failure}. */
    private Http failingWith(Supplier<RuntimeException> failure) {
        return serve(() -> {
            throw failure.get();
        });
    }

    private Http serve(Supplier<Stream<Map<String, Object>>> lists) {
        PutResourceUseCase put = command -> {
            throw asRuntime(lists);
        };
        GetResourceUseCase get = query -> {
            throw asRuntime(lists);
        };
        DeleteResourceUseCase delete = command -> {
            throw asRuntime(lists);
        };
        ListResourcesUseCase list = query -> lists.get();
        DeleteResourcesUseCase deleteAll = command -> {
            throw asRuntime(lists);
        };
        server = HttpServer.start(new HttpSettings(0), List.of(new DynamicRoutes(put, get, delete, list, deleteAll, Watches.idle())));
        return new Http(server.port());
    }

    private static RuntimeException asRuntime(Supplier<Stream<Map<String, Object>>> lists) {
        try {
            lists.get();
            return new IllegalStateException("expected a failure");
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void routesAreServedUnderBothPrefixesAndEnvsWithTheEnvHandedToTheHandler() {
        Routes echo = registry -> {
            registry.get("/{env}/echo/{x}", Operation.GET_RESOURCE, Accepted.NONE,
                    ex -> ex.ok(ex.env().map(Env::segment).orElse("none") + ":" + ex.pathParam("x")));
            registry.post("/plain", Operation.PUT_RESOURCE, Accepted.NONE, ex -> ex.ok(ex.env().isPresent()));
        };
        server = HttpServer.start(new HttpSettings(0), List.of(echo));
        Http http = new Http(server.port());
        for (String prefix : RouteRegistry.PREFIXES) {
            for (String env : List.of("mesos", "k8s")) {
                assertReply(http.get(prefix + "/" + env + "/echo/a%2Fb"), 200, """
                        {"result": true, "code": 0, "message": "success", "data": "%s:a/b"}""".formatted(env));
            }
            assertReply(http.send("POST", prefix + "/plain", "{}"), 200, """
                    {"result": true, "code": 0, "message": "success", "data": false}""");
            assertFailure(http.get(prefix + "/docker/echo/a"), 404, 10004,
                    "Get resource failed: no such route: GET " + prefix + "/docker/echo/a", false);
        }
        assertFailure(http.get("/mesos/echo/a"), 404, 10004, "Get resource failed: no such route: GET /mesos/echo/a",
                false);
    }

    @Test
    void healthzAnswersUp() {
        Http http = serve(Stream::empty);
        assertReply(http.get("/healthz"), 200, """
                {"result": true, "code": 0, "message": "success", "data": {"status": "UP"}}""");
    }

    @Test
    void everyResponseCarriesARequestIdAndASaneOneIsEchoed() {
        Http http = serve(Stream::empty);
        assertThat(http.get("/healthz").requestId()).matches("[0-9a-f]{8}");
        assertThat(http.get("/nothing").requestId()).isNotBlank();
    }

    @Test
    void unavailableStoreIs503WithTheOperationsCode() {
        Http http = failingWith(() -> StorageException.unavailable("MongoDB did not answer within 5s", null));
        String why = ": MongoDB did not answer within 5s";
        assertFailure(http.put(ONE, "{\"data\": 1}"), 503, 10003, "Put resource failed" + why, false);
        assertFailure(http.get(ONE), 503, 10004, "Get resource failed" + why, false);
        assertFailure(http.delete(ONE), 503, 10005, "Delete resource failed" + why, false);
        assertFailure(http.get(LIST), 503, 10006, "List resource failed" + why, true);
        assertFailure(http.delete(LIST), 503, 10005, "Delete resource failed" + why, false);
    }

    @Test
    void anOutageIsOneWarningNotOnePerRequest() {
        Logger errors = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Level level = errors.getLevel();
        errors.setLevel(Level.DEBUG);
        log.start();
        errors.addAppender(log);
        try {
            Http http = failingWith(() -> StorageException.unavailable("mongodb is down", null));
            for (int i = 0; i < 20; i++) {
                assertThat(http.get(ONE).status()).isEqualTo(503);
            }
            assertThat(log.list).hasSize(20);
            assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN).hasSize(1).first()
                    .satisfies(event -> assertThat(event.getFormattedMessage()).contains("mongodb is down")
                            .contains("further 503s in the next 10 s are logged at DEBUG"));
        } finally {
            errors.detachAppender(log);
            errors.setLevel(level);
        }
    }

    @Test
    void internalFailuresAre500WithoutDetails() {
        Http http = failingWith(() -> new IllegalStateException("secret driver state at com.example.Foo"));
        assertFailure(http.put(ONE, "{\"data\": 1}"), 500, 10003, "Put resource failed: internal error", false);
        assertFailure(http.get(LIST), 500, 10006, "List resource failed: internal error", true);
        Http internal = failingWith(() -> new StorageException(ErrorKind.INTERNAL, "unexpected answer from the store"));
        assertFailure(internal.get(ONE), 500, 10004, "Get resource failed: unexpected answer from the store", false);
    }

    @Test
    void storeErrorsWhenTheListOpensGetTheEnvelope() {
        Stream<Map<String, Object>> failsOnFirstRead = StreamSupport.stream(() -> {
            throw StorageException.unavailable("cursor could not be opened", null);
        }, Spliterator.ORDERED, false);
        Http http = serve(() -> failsOnFirstRead);
        assertFailure(http.get(LIST), 503, 10006, "List resource failed: cursor could not be opened", true);
    }

    @Test
    void listsAreStreamedAndTheStreamIsClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        Http http = serve(() -> Stream.<Map<String, Object>>of(Map.of("resourceName", "a"), Map.of("resourceName", "b"))
                .onClose(() -> closed.set(true)));
        assertReply(http.get(LIST), 200, """
                {"result": true, "code": 0, "message": "success",
                 "data": [{"resourceName": "a"}, {"resourceName": "b"}]}""");
        assertThat(closed).isTrue();
    }

    @Test
    void aListFailingEarlyInTheStreamStillGetsTheEnvelope() {
        AtomicBoolean closed = new AtomicBoolean();
        Http http = serve(() -> failingAfter(3, 10).onClose(() -> closed.set(true)));
        assertFailure(http.get(LIST), 503, 10006, "List resource failed: connection lost", true);
        assertThat(closed).isTrue();
    }

    @Test
    void gzipClientsGetWholeListsCompressedAndEarlyFailuresAsThePlainEnvelope() throws Exception {
        Http http = serve(() -> failingAfter(3, 1_000));
        Http.Reply failed = http.raw("GET " + LIST + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n"
                + "Connection: close\r\n\r\n");
        assertFailure(failed, 503, 10006, "List resource failed: connection lost", true);
        server.close();

        http = serve(() -> IntStream.range(0, 2_000).mapToObj(i -> Map.<String, Object>of("resourceName", "r" + i)));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + LIST)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            JsonNode body = Http.JSON.readTree(in);
            assertThat(body.path("data")).hasSize(2_000);
            assertThat(body.path("result").asBoolean()).isTrue();
        }
    }

    @Test
    void aListFailingAfterTheResponseIsCommittedIsAbortedNotTruncatedQuietly() {
        Http http = serve(() -> failingAfter(5_000, 1_000));
        try {
            Http.Reply reply = http.get(LIST);
            // if anything arrives, it must not pass for a complete list
            assertThat(reply.body()).doesNotEndWith("]}");
        } catch (UncheckedIOException expected) {
            assertThat(expected).hasRootCauseInstanceOf(java.io.IOException.class);
        }
    }

    private static Stream<Map<String, Object>> failingAfter(int items, int padding) {
        Iterator<Map<String, Object>> iterator = new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                if (served == items) {
                    throw StorageException.unavailable("connection lost", null);
                }
                return true;
            }

            @Override
            public Map<String, Object> next() {
                served++;
                return Map.of("resourceName", "r" + served, "pad", "x".repeat(padding));
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    @Test
    void closeStopsServing() {
        Http http = serve(Stream::empty);
        int port = server.port();
        assertThat(http.get("/healthz").status()).isEqualTo(200);
        server.close();
        server = null;
        assertThatThrownBy(() -> http.get("/healthz")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> new Http(port).get("/healthz")).hasCauseInstanceOf(ConnectException.class);
    }
}
