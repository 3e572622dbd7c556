package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.TestCertificates;
import com.bkbcs.storage.adapters.zookeeper.embedded.EmbeddedZooKeeper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operability of the whole application, in process, where it is about the stores MongoDB and
 * ZooKeeper or a listener of its own: readiness following external stores as they go and return;
 * the metrics port; TLS, mutual TLS and the token together. These stay on the embedded or external
 * stores: the memory stores have no outages, and the listeners do not depend on the stores. The
 * metrics and the OpenAPI document run on every backend in {@link OperabilityServeSuite}.
 */
class OperabilityServeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    @Test
    void readinessFlipsWhileMongoDbOrZooKeeperIsAwayAndBackWhenTheyReturn() throws Exception {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        int mongoPort = mongo.getLocalAddress().getPort();
        EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(dir.resolve("zk"));
        int zkPort = zookeeper.port();
        ServerConfig config = new ServerConfig(0, dir.resolve("app"), Optional.of("mongodb://127.0.0.1:" + mongoPort),
                "bcs_storage", Optional.of(zookeeper.connectionString()), "etc/cluster", ServerConfig.DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(1));
        try (RunningApp app = RunningApp.start(config)) {
            String base = "http://127.0.0.1:" + app.port();
            JsonNode ready = awaitReadyz(base, 200);
            assertThat(ready.at("/data/status").asText()).isEqualTo("UP");
            assertThat(ready.at("/data/checks/mongodb/status").asText()).isEqualTo("UP");
            assertThat(ready.at("/data/checks/mongodb/detail").asText()).isEqualTo("ping answered; circuit breaker closed");
            assertThat(ready.at("/data/checks/zookeeper/detail").asText())
                    .isIn("CONNECTED; circuit breaker closed", "RECONNECTED; circuit breaker closed");

            mongo.shutdownNow();
            JsonNode mongoDown = awaitReadyz(base, 503);
            assertThat(mongoDown.at("/result").asBoolean()).isFalse();
            assertThat(mongoDown.at("/data/checks/mongodb/status").asText()).isEqualTo("DOWN");
            assertThat(mongoDown.at("/data/checks/zookeeper/status").asText()).isEqualTo("UP");
            assertThat(send(base, "GET", "/healthz", null).statusCode()).as("alive all the same").isEqualTo(200);

            mongo = new MongoServer(new MemoryBackend());
            mongo.bind("127.0.0.1", mongoPort);
            awaitReadyz(base, 200);

            zookeeper.close();
            // the first 503 may come from a check that ran before Curator reported the lost connection: its
            // detail is then what the ping got, or for a moment the state not yet updated (CONNECTED)
            String zkDownDetail = "(SUSPENDED|LOST); circuit breaker (open|closed)";
            JsonNode zkDown = awaitReadyz(base, 503,
                    readyz -> readyz.at("/data/checks/zookeeper/detail").asText().matches(zkDownDetail));
            assertThat(zkDown.at("/data/checks/zookeeper/status").asText()).isEqualTo("DOWN");
            assertThat(zkDown.at("/data/checks/zookeeper/detail").asText()).matches(zkDownDetail);
            assertThat(zkDown.at("/message").asText()).startsWith("Not ready: zookeeper is down");

            zookeeper = EmbeddedZooKeeper.start(dir.resolve("zk"), zkPort);
            JsonNode back = awaitReadyz(base, 200);
            assertThat(back.at("/data/checks/zookeeper/detail").asText()).isEqualTo("RECONNECTED; circuit breaker closed");
        } finally {
            mongo.shutdownNow();
            zookeeper.close();
        }
    }

    @Test
    void withAMetricsPortTheScrapeMovesThereAndTheApiPortNoLongerServesIt() throws Exception {
        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dir), OperabilityConfig.defaults().withMetricsPort(0))) {
            int metricsPort = app.metricsPort().orElseThrow();
            assertThat(metricsPort).isNotEqualTo(app.port());
            String api = "http://127.0.0.1:" + app.port();
            String management = "http://127.0.0.1:" + metricsPort;
            send(api, "GET", "/healthz", null);
            assertThat(send(api, "GET", "/metrics", null).statusCode()).isEqualTo(404);
            HttpResponse<String> scrape = send(management, "GET", "/metrics", null);
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("bkbcs_storage_api_request_total{handler=\"/healthz\"");
            assertThat(send(management, "GET", "/readyz", null).statusCode()).isEqualTo(200);
            assertThat(send(management, "GET", "/openapi.json", null).statusCode()).as("only operations there").isEqualTo(404);
        }
    }

    @Test
    void httpsWithClientCertificatesAndATokenTogether() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("ops CA");
        TestCertificates.PemFiles server = TestCertificates.server(ca).write(dir, "server", false);
        Path caFile = ca.write(dir, "ca", false).certificate();
        Path token = Files.writeString(dir.resolve("token"), "t0k3n\n");
        OperabilityConfig operability = OperabilityConfig.defaults()
                .withTls(server.certificate(), server.key(), Optional.of(caFile)).withAuthTokenFile(token);
        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dir.resolve("data")), operability)) {
            String base = "https://127.0.0.1:" + app.port();
            SSLContext withCertificate = TestCertificates.clientContext(ca, TestCertificates.client(ca, "agent"));
            String path = "/bcsstorage/v1/mesos/dynamic/cluster_resources/clusters/" + cluster + "/IPPoolStatic/pool";
            assertThat(send(withCertificate, base, "PUT", path, "{\"data\":1}", "Authorization", "Bearer t0k3n").statusCode())
                    .isEqualTo(200);
            assertThat(send(withCertificate, base, "GET", path, null).statusCode()).isEqualTo(401);
            assertThat(send(withCertificate, base, "GET", "/readyz", null).statusCode()).isEqualTo(200);
            SSLContext anonymous = TestCertificates.clientContext(ca, null);
            assertThatThrownBy(() -> send(anonymous, base, "GET", "/healthz", null)).isInstanceOf(UncheckedIOException.class);
            assertThatThrownBy(() -> send("http://127.0.0.1:" + app.port(), "GET", "/healthz", null))
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    private static JsonNode awaitReadyz(String base, int status) throws Exception {
        return awaitReadyz(base, status, readyz -> true);
    }

    /** The first {@code /readyz} answer with {@code status} whose body is also {@code settled}, within 60 s. */
    private static JsonNode awaitReadyz(String base, int status, Predicate<JsonNode> settled) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> reply;
        do {
            reply = send(base, "GET", "/readyz", null);
            if (reply.statusCode() == status && settled.test(JSON.readTree(reply.body()))) {
                return JSON.readTree(reply.body());
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("/readyz did not answer " + status + " as expected within 60 s; last: "
                + reply.statusCode() + " " + reply.body());
    }

    private static HttpResponse<String> send(String base, String method, String path, String body) {
        return send(null, base, method, path, body);
    }

    private static HttpResponse<String> send(SSLContext tls, String base, String method, String path, String body,
                                             String... headers) {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            client.sslContext(tls);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
