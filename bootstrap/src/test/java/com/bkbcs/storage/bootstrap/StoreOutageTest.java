package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.testsupport.FreezableProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The whole application on an external MongoDB-wire server that the test stops or freezes (behind a
 * proxy that stops forwarding bytes), with the embedded ZooKeeper: requests that need MongoDB answer
 * 503 at once while it is known to be down and work again by themselves when it is back; a frozen
 * MongoDB holds at most its bulkhead's share of the server's threads, so the ZooKeeper routes,
 * {@code /healthz} and {@code /metrics} stay fast and {@code /readyz} turns 503 within 2 s.
 *
 * <p>The bounds are generous for a loaded two-core machine, and each one fails on the behaviour
 * before the guards: every request then waited for the 5 s server selection timeout while MongoDB was
 * stopped, 19-35 s while it was frozen, {@code /readyz} took 5 s to turn, and 300 requests stuck on a
 * frozen MongoDB took all 250 threads of the HTTP server, {@code /healthz} included. The measured
 * numbers are logged ({@code outage:} lines).
 */
class StoreOutageTest {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOutageTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IN_FLIGHT = Pattern.compile(
            "bkbcs_storage_store_calls_in_flight\\{store=\"mongodb\"} ([0-9.]+)");

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String cluster = "BCS-K8S-" + UUID.randomUUID();
    private MongoServer mongo;
    private int mongoPort;
    private RunningApp app;
    private String base;

    @BeforeEach
    void startMongo() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        mongoPort = mongo.getLocalAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        mongo.shutdownNow();
    }

    private void startApp(String mongoAddress, StoreGuardConfig guards) {
        ServerConfig config = new ServerConfig(0, dir.resolve("app"), Optional.of("mongodb://" + mongoAddress),
                "bcs_storage", Optional.empty(), "etc/cluster", ServerConfig.DEFAULT_MAX_BODY_BYTES);
        app = RunningApp.start(config, OperabilityConfig.defaults(), RetentionConfig.defaults(), RequestConfig.defaults(),
                guards);
        base = "http://127.0.0.1:" + app.port();
    }

    private String pod(String name) {
        return "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/default/Pod/" + name;
    }

    private String watch(String name) {
        return "/bcsstorage/v1/k8s/watch/clusters/" + cluster + "/namespaces/ns/Service/" + name;
    }

    /** Requests that each need MongoDB: reads, writes, lists, a journal and a metric. */
    private List<Request> mongoRequests() {
        String events = "/bcsstorage/v1/events?clusterId=" + cluster;
        return List.of(new Request("GET", pod("web-1"), null),
                new Request("PUT", pod("web-2"), "{\"data\":{\"v\":2}}"),
                new Request("GET", "/bcsstorage/v1/k8s/dynamic/all_resources/clusters/" + cluster + "/Pod", null),
                new Request("DELETE", pod("web-3"), null),
                new Request("GET", events, null),
                new Request("PUT", "/bcsstorage/v1/metric/clusters/" + cluster + "/namespaces/ns/cpu/web", "{\"data\":1}"));
    }

    @Test
    void whileMongoDbIsStoppedRequestsNeedingItAnswer503AtOnceAndWorkAgainByThemselvesWhenItIsBack() throws Exception {
        startApp("127.0.0.1:" + mongoPort, StoreGuardConfig.defaults());
        assertThat(send("PUT", pod("web-1"), "{\"data\":{\"v\":1}}").status()).isEqualTo(200);
        for (Request request : mongoRequests()) {
            assertThat(send(request).status()).as(request.toString()).isIn(200, 404);
        }
        assertThat(send("GET", "/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/pod", null).status()).isEqualTo(200);
        assertThat(send("GET", "/bcsstorage/v1/host/clusters/" + cluster, null).status()).isEqualTo(200);
        assertThat(inFlight()).as("lists and pages gave their permits back when closed").isZero();

        long stopped = System.nanoTime();
        mongo.shutdownNow();
        awaitReadyz(reply -> reply.body().at("/data/checks/mongodb/detail").asText().endsWith("circuit breaker open"));
        long opened = System.nanoTime();
        LOG.info("outage: MongoDB stopped, breaker open after {} ms", millis(stopped, opened));

        List<Long> latencies = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (Request request : mongoRequests()) {
                Reply reply = send(request);
                latencies.add(reply.millis());
                assertThat(reply.status()).as(request.toString()).isEqualTo(503);
                assertThat(reply.body().at("/result").asBoolean()).isFalse();
                assertThat(reply.body().at("/message").asText())
                        .contains("mongodb is down, calls fail fast until it answers again");
            }
            Reply watched = send("PUT", watch("web-" + round), "{\"data\":{}}");
            assertThat(watched.status()).as("ZooKeeper only").isEqualTo(200);
        }
        Collections.sort(latencies);
        long median = latencies.get(latencies.size() / 2);
        long max = latencies.get(latencies.size() - 1);
        LOG.info("outage: with the breaker open, {} requests needing MongoDB answered 503 in median {} ms, max {} ms",
                latencies.size(), median, max);
        assertThat(median).as("median ms").isLessThan(100);
        assertThat(max).as("max ms").isLessThan(1_000);
        assertThat(scrape()).contains("bkbcs_storage_store_circuit_open{store=\"mongodb\"} 1.0")
                .contains("bkbcs_storage_store_circuit_open{store=\"zookeeper\"} 0.0");

        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", mongoPort);
        long back = System.nanoTime();
        Reply put = awaitStatus(new Request("PUT", pod("web-4"), "{\"data\":{\"v\":4}}"), 200, Duration.ofSeconds(10));
        long recovered = System.nanoTime();
        LOG.info("outage: MongoDB back, requests work again after {} ms", millis(back, recovered));
        assertThat(put.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(recovered - back)).as("by itself, within a couple of seconds")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(send("GET", pod("web-4"), null).status()).isEqualTo(200);
        awaitReadyz(reply -> reply.status() == 200);
    }

    @Test
    void aFrozenMongoDbHoldsOnlyItsShareOfThreadsSoOtherRoutesStayFastAndReadinessTurnsWithinTwoSeconds()
            throws Exception {
        try (FreezableProxy proxy = new FreezableProxy(mongoPort)) {
            startApp(proxy.connectString(), StoreGuardConfig.defaults().withMongoOperationTimeout(Duration.ofSeconds(3)));
            for (Request request : mongoRequests()) {
                send(request); // first writes create the collections and their indexes before the race
            }
            assertThat(send("PUT", pod("web-1"), "{\"data\":{\"v\":1}}").status()).isEqualTo(200);
            assertThat(send("PUT", watch("web"), "{\"data\":{}}").status()).isEqualTo(200);
            awaitReadyz(reply -> reply.status() == 200);

            long frozen = System.nanoTime();
            proxy.freeze();
            AtomicLong notReadyAfter = new AtomicLong(-1);
            CompletableFuture<Void> readinessWatch = CompletableFuture.runAsync(() -> {
                while (System.nanoTime() - frozen < TimeUnit.SECONDS.toNanos(10)) {
                    if (send("GET", "/readyz", null).status() == 503) {
                        notReadyAfter.set(millis(frozen, System.nanoTime()));
                        return;
                    }
                    sleep(20);
                }
            });
            List<CompletableFuture<Reply>> stuck = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                stuck.add(sendAsync(new Request("GET", pod("web-1"), null)));
            }
            sleep(300);

            List<Long> others = new ArrayList<>();
            while (System.nanoTime() - frozen < TimeUnit.MILLISECONDS.toNanos(2_500)) {
                for (Request request : List.of(new Request("GET", "/healthz", null), new Request("GET", "/metrics", null),
                        new Request("GET", watch("web"), null), new Request("PUT", watch("web"), "{\"data\":{\"n\":1}}"))) {
                    Reply reply = send(request);
                    assertThat(reply.status()).as(request.toString()).isEqualTo(200);
                    others.add(reply.millis());
                }
            }
            readinessWatch.get(15, TimeUnit.SECONDS);
            Collections.sort(others);
            long othersMax = others.get(others.size() - 1);
            LOG.info("outage: MongoDB frozen, 300 requests on it; /healthz, /metrics and watch routes answered {} times "
                    + "in median {} ms, max {} ms; /readyz 503 after {} ms", others.size(), others.get(others.size() / 2),
                    othersMax, notReadyAfter.get());
            assertThat(othersMax).as("max ms of requests that do not need MongoDB").isLessThan(500);
            assertThat(notReadyAfter.get()).as("ms to /readyz 503").isBetween(0L, 2_000L);

            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            for (CompletableFuture<Reply> request : stuck) {
                Reply reply = request.get(30, TimeUnit.SECONDS);
                assertThat(reply.status()).isEqualTo(503);
                String message = reply.body().at("/message").asText();
                outcomes.merge(message.contains("busy") ? "bulkhead full" : message.contains("timed out") ? "timed out"
                        : message.contains("is down") ? "breaker open" : message, 1, Integer::sum);
            }
            LOG.info("outage: the 300 requests on the frozen MongoDB ended {}", outcomes);
            assertThat(outcomes.keySet()).isSubsetOf("bulkhead full", "timed out", "breaker open");
            assertThat(outcomes.get("bulkhead full")).as("turned away beyond the limit").isPositive();
            assertThat(outcomes.getOrDefault("timed out", 0)).as("at most the limit waited")
                    .isLessThanOrEqualTo(StoreGuardConfig.DEFAULT_MONGO_MAX_CONCURRENT_CALLS);

            long thawed = System.nanoTime();
            proxy.thaw();
            awaitStatus(new Request("GET", pod("web-1"), null), 200, Duration.ofSeconds(10));
            LOG.info("outage: MongoDB thawed, requests work again after {} ms", millis(thawed, System.nanoTime()));
            awaitReadyz(reply -> reply.status() == 200);
            assertThat(noneInFlightWithin(Duration.ofSeconds(2))).as("no call left holding a slot").isTrue();
        }
    }

    @Test
    void beyondItsLimitOfConcurrentCallsMongoDbIsNotAskedAndTheRequestAnswers503AtOnce() throws Exception {
        int limit = 8;
        try (FreezableProxy proxy = new FreezableProxy(mongoPort)) {
            // a long timeout and no further checks: calls stay stuck, the breaker stays closed
            startApp(proxy.connectString(), StoreGuardConfig.defaults().withMongoOperationTimeout(Duration.ofSeconds(60))
                    .withMaxConcurrentCalls(limit, 50).withProbe(Duration.ofHours(1), Duration.ofSeconds(1)));
            assertThat(send("PUT", pod("web-1"), "{\"data\":{\"v\":1}}").status()).isEqualTo(200);

            proxy.freeze();
            List<CompletableFuture<Reply>> held = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                held.add(sendAsync(new Request("GET", pod("web-1"), null)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (inFlight() < limit) {
                if (System.nanoTime() > deadline) {
                    fail("the calls did not reach MongoDB");
                }
                sleep(20);
            }

            for (Request request : mongoRequests()) {
                Reply reply = send(request);
                assertThat(reply.status()).as(request.toString()).isEqualTo(503);
                assertThat(reply.body().at("/message").asText()).endsWith("mongodb is busy: 8 calls are waiting for it already");
                assertThat(reply.millis()).as("ms").isLessThan(500);
            }
            assertThat(send("GET", watch("web"), null).status()).as("ZooKeeper only").isEqualTo(404);
            // the requests above, and perhaps the instance's change-log reader polling meanwhile
            assertThat(metric(scrape(), "bkbcs_storage_store_rejected_total{reason=\"bulkhead_full\",store=\"mongodb\"}"))
                    .isGreaterThanOrEqualTo(mongoRequests().size());

            proxy.thaw();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Reply> request : held) {
                statuses.add(request.get(30, TimeUnit.SECONDS).status());
            }
            // the instance's change-log reader polls MongoDB too, and may hold one of the slots while it is frozen
            assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(200, 503));
            assertThat(statuses.stream().filter(status -> status == 200).count()).as("held requests answered after the thaw")
                    .isGreaterThanOrEqualTo(limit - 1);
            assertThat(noneInFlightWithin(Duration.ofSeconds(2))).as("no call left holding a slot").isTrue();
            assertThat(send("GET", pod("web-1"), null).status()).isEqualTo(200);
        }
    }

    // ---------------------------------------------------------------- helpers

    record Request(String method, String path, String body) {
    }

    record Reply(int status, JsonNode body, long millis) {
    }

    private Reply send(String method, String path, String body) {
        return send(new Request(method, path, body));
    }

    private Reply send(Request request) {
        try {
            return sendAsync(request).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(request + " failed", e);
        }
    }

    private CompletableFuture<Reply> sendAsync(Request request) {
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        HttpRequest http = HttpRequest.newBuilder(URI.create(base + request.path())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").method(request.method(), body).build();
        long started = System.nanoTime();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            long took = millis(started, System.nanoTime());
            try {
                JsonNode json = request.path().equals("/metrics") ? JSON.nullNode() : JSON.readTree(response.body());
                return new Reply(response.statusCode(), json, took);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String scrape() throws Exception {
        HttpRequest http = HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(10)).build();
        return client.send(http, HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Whether the in-flight gauge reads zero at some point within {@code timeout}: besides
     * requests, the instance's change-log reader polls MongoDB every 200 ms and may be caught in flight.
     */
    private boolean noneInFlightWithin(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (inFlight() == 0) {
                return true;
            }
            sleep(20);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private int inFlight() throws Exception {
        Matcher matcher = IN_FLIGHT.matcher(scrape());
        assertThat(matcher.find()).isTrue();
        return (int) Double.parseDouble(matcher.group(1));
    }

    private Reply awaitReadyz(Predicate<Reply> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Reply reply = send("GET", "/readyz", null);
            if (condition.test(reply)) {
                return reply;
            }
            if (System.nanoTime() > deadline) {
                fail("/readyz did not get there: " + reply.body());
            }
            sleep(20);
        }
    }

    private Reply awaitStatus(Request request, int status, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Reply reply = send(request);
            if (reply.status() == status || System.nanoTime() > deadline) {
                return reply;
            }
            sleep(50);
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of the sample named exactly {@code sample} in a Prometheus scrape. */
    private static double metric(String scrape, String sample) {
        return scrape.lines().filter(line -> line.startsWith(sample + " ")).mapToDouble(line ->
                Double.parseDouble(line.substring(sample.length() + 1).trim())).findFirst().orElse(-1);
    }
}
