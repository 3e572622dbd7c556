package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.ops.Management;
import com.bkbcs.storage.adapters.http.ops.ReadinessCheck;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.service.DynamicResourceService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertReply;
import static org.assertj.core.api.Assertions.assertThat;

/** /metrics, /readyz and the access log, on a real server. */
class OperationsEndpointsTest {
    private static final String ONE = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/BCS-1/namespaces/ns/Pod/web";
    private static final String ONE_TEMPLATE =
            "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/{clusterId}/namespaces/{namespace}/{resourceType}/{resourceName}";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<ReadinessCheck.Result> zookeeper =
            new AtomicReference<>(ReadinessCheck.Result.up("CONNECTED"));
    private final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
    private final Logger access = (Logger) LoggerFactory.getLogger("com.bkbcs.storage.adapters.http.access");
    private Level accessLevel;
    private HttpServer server;
    private Client client;

    @BeforeEach
    void start() {
        accessLevel = access.getLevel();
        access.setLevel(Level.INFO);
        accessLog.start();
        access.addAppender(accessLog);
        DynamicResourceService service = new DynamicResourceService(new InMemoryResourceStore(), Clock.systemUTC());
        Management management = new Management(registry, Optional.of(registry::scrape), List.of(
                ReadinessCheck.of("mongodb", () -> ReadinessCheck.Result.up("ping answered")),
                ReadinessCheck.of("zookeeper", zookeeper::get)));
        server = HttpServer.start(new HttpSettings(0), List.of(new DynamicRoutes(service, service, service, service, service, Watches.idle())),
                management);
        client = Client.of(server);
    }

    @AfterEach
    void stop() {
        server.close();
        access.detachAppender(accessLog);
        access.setLevel(accessLevel);
    }

    @Test
    void metricsCountAndTimeRequestsPerRouteTemplateMethodAndStatusWithTheOriginalNames() {
        client.send("PUT", ONE, "{\"data\":{\"a\":1}}");
        client.get(ONE);
        client.get(ONE);
        client.get(ONE.replace("/web", "/absent"));
        client.get("/no/such/route/" + System.nanoTime());

        HttpResponse<String> metrics = client.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        String text = metrics.body();
        assertThat(text).contains("bkbcs_storage_api_request_total{handler=\"" + ONE_TEMPLATE + "\",method=\"GET\",status=\"200\"} 2.0")
                .contains("bkbcs_storage_api_request_total{handler=\"" + ONE_TEMPLATE + "\",method=\"PUT\",status=\"200\"} 1.0")
                .contains("bkbcs_storage_api_request_total{handler=\"" + ONE_TEMPLATE + "\",method=\"GET\",status=\"404\"} 1.0")
                .contains("bkbcs_storage_api_request_total{handler=\"unmatched\",method=\"GET\",status=\"404\"} 1.0")
                .contains("bkbcs_storage_api_request_latency_seconds_bucket{handler=\"" + ONE_TEMPLATE
                        + "\",method=\"GET\",status=\"200\",le=\"0.005\"}")
                .contains("bkbcs_storage_api_request_latency_seconds_count{handler=\"" + ONE_TEMPLATE
                        + "\",method=\"GET\",status=\"200\"} 2")
                .doesNotContain("/absent").doesNotContain("/no/such/route");
    }

    @Test
    void readinessIsUpWithEveryCheckAndFlipsTo503WhileAStoreIsAwayAndBackWhenItReturns() {
        assertReply(new Http(server.port()).get("/readyz"), 200, """
                {"result": true, "code": 0, "message": "success", "data": {"status": "UP", "checks": {
                  "mongodb": {"status": "UP", "detail": "ping answered"},
                  "zookeeper": {"status": "UP", "detail": "CONNECTED"}}}}""");

        zookeeper.set(ReadinessCheck.Result.down("SUSPENDED"));
        assertReply(new Http(server.port()).get("/readyz"), 503, """
                {"result": false, "code": 10004, "message": "Not ready: zookeeper is down (SUSPENDED)",
                 "data": {"status": "DOWN", "checks": {
                  "mongodb": {"status": "UP", "detail": "ping answered"},
                  "zookeeper": {"status": "DOWN", "detail": "SUSPENDED"}}}}""");
        assertThat(client.get("/healthz").statusCode()).as("liveness does not depend on the stores").isEqualTo(200);

        zookeeper.set(ReadinessCheck.Result.up("RECONNECTED"));
        assertThat(client.get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void theIndexLinksTheMetricsWhenThisServerServesThem() {
        assertThat(Http.json(client.get("/").body()).path("data").path("links").path("metrics").asText()).isEqualTo("/metrics");
        assertThat(client.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void aCheckThatThrowsCountsAsDown() {
        server.close();
        server = HttpServer.start(new HttpSettings(0), List.of(), new Management(registry, Optional.empty(),
                List.of(ReadinessCheck.of("mongodb", () -> {
                    throw new IllegalStateException("boom");
                }))));
        HttpResponse<String> reply = Client.of(server).get("/readyz");
        assertThat(reply.statusCode()).isEqualTo(503);
        assertThat(reply.body()).contains("mongodb is down (the check failed: boom)");
        assertThat(Client.of(server).get("/metrics").statusCode()).as("no scrape given, no /metrics").isEqualTo(404);
    }

    @Test
    void oneAccessLogLinePerRequestWithIdMethodRouteStatusAndDurationButNoBody() {
        access.setLevel(Level.DEBUG);
        HttpResponse<String> put = client.send("PUT", ONE, "{\"data\":{\"secret\":\"s3cr3t\"}}", "X-Request-Id", "req-42");
        assertThat(put.headers().firstValue("X-Request-Id")).contains("req-42");
        HttpResponse<String> generated = client.get(ONE, "X-Request-Id", "not sane because of spaces");
        String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{8}");

        assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(client.get("/readyz").statusCode()).isEqualTo(200);

        List<String> lines = accessLog.list.stream().filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("probes are logged at DEBUG, out of the INFO access log").hasSize(2);
        assertThat(accessLog.list).filteredOn(event -> event.getLevel() == Level.DEBUG)
                .extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactly(healthz -> assertThat(healthz).contains(" path=/healthz status=200 "),
                        readyz -> assertThat(readyz).contains(" path=/readyz status=200 "));
        assertThat(lines.get(0)).matches("request_id=req-42 method=PUT route=" + java.util.regex.Pattern.quote(ONE_TEMPLATE)
                + " path=" + java.util.regex.Pattern.quote(ONE) + " status=200 duration_ms=\\d+");
        assertThat(lines.get(1)).startsWith("request_id=" + id + " method=GET ").contains(" status=200 ");
        assertThat(String.join("\n", lines)).doesNotContain("s3cr3t");
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreServed() {
        HttpResponse<String> document = client.get("/openapi.json");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(Http.json(document.body()).path("openapi").asText()).startsWith("3.0");

        HttpResponse<String> page = client.get("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js", "/openapi.json");
        HttpResponse<String> bundle = client.get("/docs/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(client.get("/docs/pom.xml").statusCode()).isEqualTo(404);
        assertThat(client.get("/docs/..%2F..%2Fpom.properties").statusCode()).isEqualTo(404);
    }
}
