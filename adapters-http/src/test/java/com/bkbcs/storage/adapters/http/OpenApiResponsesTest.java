package com.bkbcs.storage.adapters.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.bkbcs.storage.adapters.http.dynamic.ChangeStreamRoutes;
import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.host.HostRoutes;
import com.bkbcs.storage.adapters.http.journal.AlarmRoutes;
import com.bkbcs.storage.adapters.http.journal.EventRoutes;
import com.bkbcs.storage.adapters.http.metric.MetricRoutes;
import com.bkbcs.storage.adapters.http.ops.BearerToken;
import com.bkbcs.storage.adapters.http.ops.Management;
import com.bkbcs.storage.adapters.http.ops.ReadinessCheck;
import com.bkbcs.storage.adapters.http.query.TypedQueryRoutes;
import com.bkbcs.storage.adapters.http.watch.WatchRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryHostStore;
import com.bkbcs.storage.adapters.memory.InMemoryJournal;
import com.bkbcs.storage.adapters.memory.InMemoryMetricStore;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.adapters.memory.InMemoryWatchStore;
import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.application.service.AlarmService;
import com.bkbcs.storage.application.service.ChangeHub;
import com.bkbcs.storage.application.service.WatchResourcesService;
import com.bkbcs.storage.application.service.DynamicResourceService;
import com.bkbcs.storage.application.service.EventService;
import com.bkbcs.storage.application.service.HostService;
import com.bkbcs.storage.application.service.MetricService;
import com.bkbcs.storage.application.service.RunTypedQueryService;
import com.bkbcs.storage.application.service.WatchService;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real responses of every route family, validated with Atlassian's swagger-request-validator
 * against the OpenAPI document the server itself serves at {@code /openapi.json}: the status must
 * be one the operation documents, and the body must match that response's named schema (typed
 * envelopes with {@code additionalProperties: false}, so a member or type that drifts fails). The
 * successful requests are validated too, against the documented parameters and bodies.
 *
 * <p>Two servers share the in-memory stores: one without a token, and one with a token, whose
 * document adds the security scheme and the 401s. The stores are wrapped so a test can make every
 * call fail as an unavailable store (503) or with an unexpected exception (500). Every status
 * every operation documents is then provoked once by {@link #everyDocumentedStatusOfEveryOperationIsAnsweredAndMatches},
 * except the 503 of a server that is stopping, which {@code GracefulStopTest} covers.
 */
class OpenApiResponsesTest {
    private static final String TOKEN = "t0ken-for-the-document";
    private static final int MAX_BODY = 4096;
    private static final String PREFIX = RouteRegistry.PREFIXES.get(0);
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    /** (operation, status) pairs answered only while the server stops: see GracefulStopTest. */
    private static final Set<String> ONLY_WHILE_STOPPING = Set.of("index 503", "healthz 503", "metrics 503",
            "openapi 503");
    /** (operation, status) pairs that need a server full of streams: see ChangeStreamLimitsTest. */
    private static final Set<String> ONLY_WHEN_FULL = Set.of("watchResources 429", "watchResourcesCompatible 429",
            "watchContainersCompatible 429");
    private static ChangeHub hub;

    private static final AtomicReference<Supplier<RuntimeException>> FAULT = new AtomicReference<>();
    private static HttpServer open;
    private static HttpServer secured;
    private static Target openTarget;
    private static Target securedTarget;

    private String cluster;

    /** A server, the document it serves, a validator for it, and the (operation, status) pairs seen. */
    record Target(HttpServer server, JsonNode document, OpenApiInteractionValidator validator,
                  ApiOperationResolver operations, Set<String> seen) {
        static Target of(HttpServer server) {
            String json = Client.of(server).get("/openapi.json", "Authorization", "Bearer " + TOKEN).body();
            OpenAPI api = new OpenAPIV3Parser().readContents(json).getOpenAPI();
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(json)
                    .withBasePathOverride("/")
                    .withLevelResolver(LevelResolver.create()
                            // parameters an operation does not document are an error here, as on the server
                            .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
                            .build())
                    .build();
            return new Target(server, Http.json(json), validator, new ApiOperationResolver(api, "/", false),
                    new TreeSet<>());
        }
    }

    @BeforeAll
    static void start() {
        InMemoryResourceStore resources = new InMemoryResourceStore();
        ResourceStore store = failing(ResourceStore.class, resources);
        DynamicResourceService dynamic = new DynamicResourceService(store, Clock.systemUTC());
        WatchService watch = new WatchService(failing(WatchStore.class, new InMemoryWatchStore()));
        EventService events = new EventService(failing(Journal.class, new InMemoryJournal(JournalKind.EVENTS)),
                Clock.systemUTC());
        AlarmService alarms = new AlarmService(failing(Journal.class, new InMemoryJournal(JournalKind.ALARMS)),
                Clock.systemUTC());
        MetricService metrics = new MetricService(failing(MetricStore.class, new InMemoryMetricStore()), Clock.systemUTC());
        HostService hosts = new HostService(failing(HostStore.class, new InMemoryHostStore()), Clock.systemUTC());
        hub = new ChangeHub(resources, Duration.ofMillis(50), 256);
        hub.start();
        WatchResourcesService watches = new WatchResourcesService(failing(ChangeFeed.class, resources), hub);
        List<Routes> areas = List.of(new DynamicRoutes(dynamic, dynamic, dynamic, dynamic, dynamic, watches),
                new ChangeStreamRoutes(watches, dynamic),
                new TypedQueryRoutes(new RunTypedQueryService(store)), new WatchRoutes(watch, watch, watch, watch),
                new EventRoutes(events, events), new AlarmRoutes(alarms, alarms),
                new MetricRoutes(metrics, metrics, metrics, metrics, metrics),
                new HostRoutes(hosts, hosts, hosts, hosts, hosts));
        Management management = new Management(Management.none().meters(),
                Optional.of(() -> "# TYPE up gauge\nup 1\n"),
                List.of(ReadinessCheck.of("mongodb", () -> FAULT.get() == null
                        ? ReadinessCheck.Result.up("ping answered")
                        : ReadinessCheck.Result.down("MongoDB did not answer a ping within 1000 ms"))));
        open = HttpServer.start(new HttpSettings(0, MAX_BODY), areas, management);
        secured = HttpServer.start(new HttpSettings(0, MAX_BODY).withAuthToken(BearerToken.of(TOKEN)), areas, management);
        openTarget = Target.of(open);
        securedTarget = Target.of(secured);
    }

    @AfterAll
    static void stop() {
        open.close();
        secured.close();
        hub.close();
    }

    @BeforeEach
    void newCluster() {
        cluster = "BCS-K8S-" + (30_000 + CLUSTERS.incrementAndGet());
        FAULT.set(null);
    }

    /** {@code target} behind a proxy that throws the current fault, if any, before each call. */
    private static <T> T failing(Class<T> port, T target) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
            Supplier<RuntimeException> fault = FAULT.get();
            if (fault != null && method.getDeclaringClass() != Object.class) {
                throw fault.get();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    // ---- the route families, each with realistic requests that succeed ----

    enum Family {
        DYNAMIC, QUERY, WATCH, EVENTS, ALARMS, METRIC, HOST, OPERATIONS
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void realResponsesOfEveryFamilyMatchTheirSchemas(Family family) {
        run(family, openTarget);
    }

    private void run(Family family, Target target) {
        switch (family) {
            case DYNAMIC -> dynamic(target);
            case QUERY -> query(target);
            case WATCH -> watch(target);
            case EVENTS -> events(target);
            case ALARMS -> alarms(target);
            case METRIC -> metric(target);
            case HOST -> host(target);
            case OPERATIONS -> operations(target);
        }
    }

    private void dynamic(Target t) {
        String ns = PREFIX + "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/default/Pod";
        String cl = PREFIX + "/mesos/dynamic/cluster_resources/clusters/" + cluster + "/Node";
        String all = PREFIX + "/k8s/dynamic/all_resources/clusters/" + cluster + "/Pod";
        String pod = "{\"data\": {\"metadata\": {\"name\": \"web-1\", \"labels\": {\"app\": \"web\"}}, \"status\": {\"phase\": \"Running\"}}}";
        check(t, "PUT", ns + "/web-1", pod, 200);
        check(t, "PUT", ns + "/web-2", "{\"data\": null}", 200);
        check(t, "PUT", cl + "/node-1", "{\"data\": [1, \"two\", null, true, 2.5]}", 200);
        check(t, "GET", ns + "/web-1", null, 200);
        check(t, "GET", ns + "/web-1?field=resourceName,data.metadata.labels", null, 200);
        check(t, "GET", cl + "/node-1", null, 200);
        check(t, "GET", ns, null, 200);
        check(t, "GET", ns + "?labelSelector=app%3Dweb&data.status.phase=Running&field=resourceName&offset=0&limit=1", null, 200);
        check(t, "GET", ns + "?extra=" + Http.extra("{\"data.metadata.name\": [\"web-1\", \"web-2\"]}"), null, 200);
        check(t, "GET", cl, null, 200);
        check(t, "GET", all + "?namespace=default&resourceName=web-1,web-2", null, 200);
        check(t, "DELETE", ns + "/web-2", null, 200);
        check(t, "DELETE", ns + "?updateTimeBegin=0&updateTimeEnd=2018-03-14T10:01:38Z", null, 200);
        check(t, "DELETE", ns, "{\"updateTimeBegin\": 0, \"updateTimeEnd\": \"1521021698\"}", 200);
        check(t, "DELETE", cl + "?resourceName=node-2", null, 200);
        check(t, "DELETE", all + "?labelSelector=app%3Dweb", null, 200);
        check(t, "DELETE", cl + "/node-1", null, 200);
        check(t, "GET", cl + "/node-1", null, 404);
        String watch = PREFIX + "/k8s/dynamic/watch/clusters/" + cluster + "/Pod";
        check(t, "GET", watch + "?timeoutSeconds=1&namespace=default&labelSelector=app%3Dweb&field=resourceName", null, 200);
        check(t, "GET", watch + "?since=999999999999&timeoutSeconds=1", null, 410);
        check(t, "POST", PREFIX + "/dynamic/watch/" + cluster + "/Pod", "{\"timeout\": 100000000, \"selfOnly\": true}", 200);
        check(t, "POST", PREFIX + "/dynamic/watch/containers/" + cluster, "{\"timeout\": 100000000, \"maxEvents\": 5, "
                + "\"mustDiff\": \"data.status\"}", 200);
    }

    private void query(Target t) {
        String ns = PREFIX + "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/";
        check(t, "PUT", ns + "default/Pod/web-1", "{\"data\": {\"metadata\": {\"name\": \"web-1\", \"creationTimestamp\": "
                + "\"2018-03-14T10:01:38Z\"}, \"status\": {\"phase\": \"Running\", \"hostIP\": \"10.0.0.1\"}}}", 200);
        check(t, "PUT", ns + "kube-system/Deployment/dns", "{\"data\": {\"status\": {\"replicas\": 2}}}", 200);
        String query = PREFIX + "/query/k8s/dynamic/clusters/" + cluster;
        check(t, "GET", query + "/pod?status=Running&hostIp=10.0.0.1&createTimeBegin=1521021600&field=resourceName,data.status", null, 200);
        check(t, "GET", query + "/pod?name=web-1&namespace=default&offset=0&limit=10", null, 200);
        check(t, "GET", query + "/deployment?replicas=1,2", null, 200);
        check(t, "POST", query + "/pod", "{\"status\": [\"Running\", \"Pending\"], \"namespace\": null, \"limit\": 10}", 200);
        check(t, "POST", query + "/pod", null, 200);
        check(t, "GET", query + "/namespace?used=1", null, 200);
        check(t, "GET", PREFIX + "/query/mesos/dynamic/clusters/" + cluster + "/namespace", null, 200);
        check(t, "GET", query + "/pods", null, 404);
    }

    private void watch(Target t) {
        String type = PREFIX + "/k8s/watch/clusters/" + cluster + "/namespaces/default/Service";
        check(t, "PUT", type + "/web", "{\"data\": {\"spec\": {\"clusterIP\": \"10.0.0.1\"}}}", 200);
        check(t, "PUT", type + "/db", "{\"data\": \"plain text\"}", 200);
        check(t, "GET", type + "/web", null, 200);
        check(t, "GET", type + "/db", null, 200);
        check(t, "GET", type + "?offset=0&limit=5", null, 200);
        check(t, "DELETE", type + "/web", null, 200);
        check(t, "GET", type + "/web", null, 404);
    }

    private void events(Target t) {
        check(t, "PUT", PREFIX + "/events", """
                {"id": "", "env": "k8s", "kind": "Pod", "level": "Warning", "component": "kubelet", "type": "BackOff",
                 "describe": "Back-off restarting failed container", "clusterId": "%s", "eventTime": 1521021698,
                 "extraInfo": {"name": "web-1", "namespace": "default", "kind": "Pod"}, "data": {"count": 3}}"""
                .formatted(cluster), 200);
        check(t, "PUT", PREFIX + "/events", "{\"clusterId\": \"" + cluster + "\", \"eventTime\": -62135596800, \"data\": null}", 200);
        check(t, "GET", PREFIX + "/events?clusterId=" + cluster, null, 200);
        check(t, "GET", PREFIX + "/events?clusterId=" + cluster + "&level=Warning&extraInfo.kind=Pod&timeBegin=1521021600"
                + "&timeEnd=2018-03-14%2010:01:38&data.count=3&offset=0&length=1", null, 200);
        check(t, "GET", PREFIX + "/events?clusterId=" + cluster + "&field=eventTime,extraInfo.name&limit=1", null, 200);
    }

    private void alarms(Target t) {
        check(t, "POST", PREFIX + "/alarms", """
                {"clusterId": "%s", "namespace": "default", "message": "developer health test message",
                 "source": "127.0.0.4:52328", "module": "", "type": "weixin", "receivedTime": 1510774481}"""
                .formatted(cluster), 200);
        check(t, "GET", PREFIX + "/alarms?clusterId=" + cluster, null, 200);
        check(t, "GET", PREFIX + "/alarms?clusterId=" + cluster + "&type=weixin&timeBegin=0&field=receivedTime&length=5", null, 200);
    }

    private void metric(Target t) {
        String one = PREFIX + "/metric/clusters/" + cluster + "/namespaces/default/cpu/web-1";
        check(t, "PUT", one, "{\"data\": {\"usage\": 0.25}}", 200);
        check(t, "GET", one, null, 200);
        check(t, "GET", one + "?field=data", null, 200);
        check(t, "GET", PREFIX + "/metric/clusters/" + cluster, null, 200);
        check(t, "GET", PREFIX + "/metric/clusters/" + cluster + "?namespace=default&type=cpu,mem&data.usage=0.25&limit=5", null, 200);
        check(t, "GET", PREFIX + "/metric/clusters", null, 200);
        check(t, "DELETE", one, null, 200);
        check(t, "GET", one, null, 404);
    }

    private void host(Target t) {
        int n = CLUSTERS.get() % 250;
        String ip = "10.1." + n + ".1";
        check(t, "PUT", PREFIX + "/host/" + ip, "{\"clusterId\": \"" + cluster + "\", \"data\": {\"cpu\": 16}}", 200);
        check(t, "PUT", PREFIX + "/host/10.1." + n + ".2", "{}", 200);
        check(t, "GET", PREFIX + "/host/" + ip, null, 200);
        check(t, "GET", PREFIX + "/host/clusters/" + cluster, null, 200);
        check(t, "PUT", PREFIX + "/host/clusters/" + cluster, "{\"ips\": [\"" + ip + "\"]}", 200);
        check(t, "POST", PREFIX + "/host/clusters/" + cluster, "{\"ips\": [\"10.1." + n + ".2\"]}", 200);
        check(t, "GET", PREFIX + "/host/clusters/" + cluster + "?data.cpu=16&field=ip,clusterId&limit=5", null, 200);
        check(t, "DELETE", PREFIX + "/host/" + ip, null, 200);
        check(t, "GET", PREFIX + "/host/" + ip, null, 404);
    }

    private void operations(Target t) {
        check(t, "GET", "/", null, 200);
        check(t, "GET", "/healthz", null, 200);
        check(t, "GET", "/readyz", null, 200);
        check(t, "GET", "/metrics", null, 200);
        check(t, "GET", "/openapi.json", null, 200);
    }

    // ---- every documented status of every operation ----

    @Test
    void everyDocumentedStatusOfEveryOperationIsAnsweredAndMatches() {
        for (Family family : Family.values()) {
            run(family, openTarget);
        }
        check(securedTarget, "GET", "/", null, 200);
        for (Target target : List.of(openTarget, securedTarget)) {
            forEachOperation(target.document(), (method, path, operation) -> failures(target, method, path, operation));
        }

        Set<String> documented = new TreeSet<>();
        forEachOperation(securedTarget.document(), (method, path, operation) -> operation.path("responses").fieldNames()
                .forEachRemaining(status -> documented.add(operation.path("operationId").asText() + " " + status)));
        Set<String> seen = new TreeSet<>(openTarget.seen());
        seen.addAll(securedTarget.seen());
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(seen);
        missing.removeAll(ONLY_WHILE_STOPPING);
        missing.removeAll(ONLY_WHEN_FULL);
        assertThat(missing).as("documented but never answered").isEmpty();
        assertThat(seen).as("answered but not documented (the validator would have failed first)").isSubsetOf(documented);
        assertThat(documented).hasSizeGreaterThan(200);
    }

    /** Provokes each failure status the operation documents, with the path parameters' own examples. */
    private void failures(Target target, String method, String template, JsonNode operation) {
        String path = concrete(target.document(), template, operation);
        boolean api = !template.equals("/") && operation.path("servers").isMissingNode()
                && target.document().at(pointer(template)).path("servers").isMissingNode();
        String full = api ? PREFIX + path : path;
        String body = exampleBody(target.document(), operation);
        JsonNode responses = operation.path("responses");
        String withToken = "Bearer " + TOKEN;
        for (Iterator<String> it = responses.fieldNames(); it.hasNext(); ) {
            String status = it.next();
            switch (status) {
                case "400" -> check(target, method, full + "?unknownParameter=1", body, 400, withToken);
                case "401" -> check(target, method, full, body, 401);
                case "404" -> check(target, method, template.contains("{kind}") ? full.replace("/pod", "/pods") : full,
                        body, 404, withToken);
                case "410" -> check(target, method, full + "?since=999999999999", body, 410, withToken);
                case "413" -> check(target, method, full, "{\"data\": \"" + "x".repeat(MAX_BODY) + "\"}", 413, withToken);
                case "414" -> check(target, method, full + "?padding=" + "x".repeat(10_000), body, 414, withToken);
                case "500" -> faulty(() -> new IllegalStateException("a bug"),
                        () -> check(target, method, full, body, 500, withToken));
                case "503" -> faulty(() -> StorageException.unavailable("mongodb is down, calls fail fast until it "
                                + "answers again (last check: MongoDB did not answer a ping within 1000 ms (timed out))", null),
                        () -> {
                            if (!ONLY_WHILE_STOPPING.contains(operation.path("operationId").asText() + " 503")) {
                                check(target, method, full, body, 503, withToken);
                            }
                        });
                default -> {
                    // 2xx: the families above
                }
            }
        }
    }

    /** The example of the operation's request body schema, as JSON text; null when it takes no body. */
    private static String exampleBody(JsonNode document, JsonNode operation) {
        JsonNode body = operation.path("requestBody");
        if (body.isMissingNode()) {
            return null;
        }
        JsonNode resolved = body.has("$ref") ? document.at(body.path("$ref").asText().substring(1)) : body;
        JsonNode schema = resolved.at("/content/application~1json/schema");
        JsonNode example = (schema.has("$ref") ? document.at(schema.path("$ref").asText().substring(1)) : schema)
                .path("example");
        assertThat(example.isMissingNode()).as("the request body of %s has an example",
                operation.path("operationId").asText()).isFalse();
        return example.toString();
    }

    /** Runs {@code action} with every store call failing; the error mapper's expected log lines are kept out of the build log. */
    private static void faulty(Supplier<RuntimeException> fault, Runnable action) {
        Logger errors = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
        Level level = errors.getLevel();
        errors.setLevel(Level.OFF);
        FAULT.set(fault);
        try {
            action.run();
        } finally {
            FAULT.set(null);
            errors.setLevel(level);
        }
    }

    /** The template with each path parameter replaced by its example. */
    private static String concrete(JsonNode document, String template, JsonNode operation) {
        Map<String, String> examples = new LinkedHashMap<>();
        List<JsonNode> parameters = new ArrayList<>();
        document.at(pointer(template)).path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        for (JsonNode parameter : parameters) {
            JsonNode resolved = parameter.has("$ref") ? document.at(parameter.path("$ref").asText().substring(1)) : parameter;
            if (resolved.path("in").asText().equals("path")) {
                assertThat(resolved.path("example").isMissingNode()).as("path parameter %s of %s has an example",
                        resolved.path("name").asText(), template).isFalse();
                examples.put(resolved.path("name").asText(), resolved.path("example").asText());
            }
        }
        String path = template;
        for (Map.Entry<String, String> example : examples.entrySet()) {
            path = path.replace("{" + example.getKey() + "}", example.getValue());
        }
        return path;
    }

    private static String pointer(String path) {
        return "/paths/" + path.replace("~", "~0").replace("/", "~1");
    }

    @FunctionalInterface
    interface OperationVisitor {
        void visit(String method, String path, JsonNode operation);
    }

    private static void forEachOperation(JsonNode document, OperationVisitor visitor) {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (Set.of("get", "put", "post", "delete").contains(entry.getKey())) {
                visitor.visit(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), entry.getValue());
            }
        }));
    }

    // ---- the validator catches what it should ----

    @Test
    void theValidatorRejectsAResponseThatDriftsFromTheDocument() {
        check(openTarget, "PUT", PREFIX + "/events", "{\"clusterId\": \"" + cluster + "\", \"eventTime\": 1521021698}", 200);
        HttpResponse<String> list = Client.of(open).get(PREFIX + "/events?clusterId=" + cluster);
        assertThat(report(openTarget, "GET", "/events", list.statusCode(), list.body()).hasErrors()).isFalse();

        String unixSeconds = list.body().replace("\"2018-03-14T10:01:38.000Z\"", "1521021698");
        assertThat(unixSeconds).isNotEqualTo(list.body());
        assertThat(messages(report(openTarget, "GET", "/events", 200, unixSeconds))).anyMatch(m -> m.contains("eventTime"));
        String extraMember = list.body().replace("\"total\":", "\"count\":1,\"total\":");
        assertThat(report(openTarget, "GET", "/events", 200, extraMember).hasErrors()).isTrue();
        assertThat(messages(report(openTarget, "GET", "/events", 418, list.body()))).anyMatch(m -> m.contains("418"));
        String refusedBeforeRouting = "{\"result\":false,\"code\":10004,\"message\":\"Get resource failed: x\",\"data\":null}";
        assertThat(report(openTarget, "GET", "/events", 400, refusedBeforeRouting).hasErrors())
                .as("a list GET refused before routing fails as a GET").isFalse();
        String listFailureWithNull = "{\"result\":false,\"code\":10006,\"message\":\"List resource failed: x\",\"data\":null}";
        assertThat(report(openTarget, "GET", "/events", 400, listFailureWithNull).hasErrors()).isTrue();
        String putWithGetCode = "{\"result\":false,\"code\":10004,\"message\":\"Get resource failed: x\",\"data\":null}";
        assertThat(report(openTarget, "PUT", "/events", 400, putWithGetCode).hasErrors()).isTrue();
    }

    @Test
    void withoutATokenTheDocumentHasNoSecurityAndNo401() {
        assertThat(openTarget.document().path("security").toString()).isEqualTo("[]");
        assertThat(openTarget.document().path("components").has("securitySchemes")).isFalse();
        assertThat(openTarget.document().toString()).doesNotContain("\"401\"").doesNotContain("Unauthorized");
        assertThat(securedTarget.document().path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(securedTarget.document().at("/paths/~1healthz/get/security").toString()).isEqualTo("[]");
        assertThat(securedTarget.document().at("/paths/~1events/get/responses/401/$ref").asText())
                .isEqualTo("#/components/responses/GetUnauthorized");
    }

    // ---- sending and validating ----

    /** Sends the request, checks the status, validates the response (and, for a success, the request). */
    private static void check(Target target, String method, String fullPath, String body, int expected,
                              String... authorization) {
        List<String> headers = new ArrayList<>();
        if (body != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        String token = authorization.length > 0 ? authorization[0]
                : target == securedTarget && expected != 401 ? "Bearer " + TOKEN : null;
        if (token != null) {
            headers.addAll(List.of("Authorization", token));
        }
        HttpResponse<String> response = Client.of(target.server()).send(method, fullPath, body, headers.toArray(String[]::new));
        String shown = fullPath.length() > 200 ? fullPath.substring(0, 200) + "..." : fullPath;
        assertThat(response.statusCode()).as("%s %s -> %s", method, shown, response.body()).isEqualTo(expected);

        int query = fullPath.indexOf('?');
        String path = unprefixed(query < 0 ? fullPath : fullPath.substring(0, query));
        SimpleResponse.Builder validated = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach((name, values) -> validated.withHeader(name, values));
        ValidationReport report = target.validator().validateResponse(path, Request.Method.valueOf(method), validated.build());
        assertThat(messages(report)).as("the response to %s %s: %s", method, shown, response.body()).isEmpty();
        if (expected < 300) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
            if (query >= 0) {
                Utf8.parseQuery(fullPath.substring(query + 1)).forEach((name, values) -> {
                    // data.<path> filters are a family OpenAPI cannot name; the operations' text describes them
                    if (!name.startsWith("data.")) {
                        request.withQueryParam(name, values);
                    }
                });
            }
            if (body != null) {
                request.withBody(body).withContentType("application/json");
            }
            if (token != null) {
                request.withAuthorization(token);
            }
            assertThat(messages(target.validator().validateRequest(request.build()))).as("the request %s %s", method, shown)
                    .isEmpty();
        }
        ApiOperationMatch match = target.operations().findApiOperation(path, Request.Method.valueOf(method));
        assertThat(match.isOperationAllowed()).as("%s %s is documented", method, path).isTrue();
        target.seen().add(match.getApiOperation().getOperation().getOperationId() + " " + response.statusCode());
    }

    private static ValidationReport report(Target target, String method, String path, int status, String body) {
        return target.validator().validateResponse(path, Request.Method.valueOf(method),
                SimpleResponse.Builder.status(status).withContentType(JsonCodec.CONTENT_TYPE).withBody(body).build());
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }

    private static String unprefixed(String path) {
        for (String prefix : RouteRegistry.PREFIXES) {
            if (path.startsWith(prefix + "/")) {
                return URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
            }
        }
        return path;
    }
}
