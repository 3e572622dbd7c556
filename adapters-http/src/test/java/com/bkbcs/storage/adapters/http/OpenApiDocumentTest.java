package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.RouteRegistry.RegisteredRoute;
import com.bkbcs.storage.adapters.http.dynamic.ChangeStreamRoutes;
import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.host.HostRoutes;
import com.bkbcs.storage.adapters.http.journal.AlarmRoutes;
import com.bkbcs.storage.adapters.http.journal.EventRoutes;
import com.bkbcs.storage.adapters.http.metric.MetricRoutes;
import com.bkbcs.storage.adapters.http.ops.Management;
import com.bkbcs.storage.adapters.http.query.TypedQueryRoutes;
import com.bkbcs.storage.adapters.http.watch.WatchRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryHostStore;
import com.bkbcs.storage.adapters.memory.InMemoryJournal;
import com.bkbcs.storage.adapters.memory.InMemoryMetricStore;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.adapters.memory.InMemoryWatchStore;
import com.bkbcs.storage.application.service.AlarmService;
import com.bkbcs.storage.application.service.DynamicResourceService;
import com.bkbcs.storage.application.service.EventService;
import com.bkbcs.storage.application.service.HostService;
import com.bkbcs.storage.application.service.MetricService;
import com.bkbcs.storage.application.service.RunTypedQueryService;
import com.bkbcs.storage.application.service.WatchService;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document against the routes of this module's areas: every registered route,
 * its path parameters and body are described, and nothing is described that is not served. The
 * same check runs in bootstrap over the whole application, which wires every area.
 */
class OpenApiDocumentTest {
    private static HttpServer server;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        InMemoryResourceStore store = new InMemoryResourceStore();
        DynamicResourceService dynamic = new DynamicResourceService(store, Clock.systemUTC());
        WatchService watch = new WatchService(new InMemoryWatchStore());
        EventService events = new EventService(new InMemoryJournal(JournalKind.EVENTS), Clock.systemUTC());
        AlarmService alarms = new AlarmService(new InMemoryJournal(JournalKind.ALARMS), Clock.systemUTC());
        MetricService metrics = new MetricService(new InMemoryMetricStore(), Clock.systemUTC());
        HostService hosts = new HostService(new InMemoryHostStore(), Clock.systemUTC());
        server = HttpServer.start(new HttpSettings(0), List.of(new DynamicRoutes(dynamic, dynamic, dynamic, dynamic, dynamic, Watches.idle()),
                        new ChangeStreamRoutes(Watches.idle(), dynamic),
                        new TypedQueryRoutes(new RunTypedQueryService(store)), new WatchRoutes(watch, watch, watch, watch),
                        new EventRoutes(events, events), new AlarmRoutes(alarms, alarms),
                        new MetricRoutes(metrics, metrics, metrics, metrics, metrics),
                        new HostRoutes(hosts, hosts, hosts, hosts, hosts)),
                new Management(Management.none().meters(), Optional.of(() -> ""), List.of()));
        document = Http.json(Client.of(server).get("/openapi.json").body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOneIsServed() {
        assertThat(server.registeredRoutes()).hasSizeGreaterThan(30);
        assertThat(OpenApiCoverage.problems(document, server.registeredRoutes())).isEmpty();
    }

    @Test
    void theCheckFailsWhenARouteIsMissingFromTheDocument() {
        List<RegisteredRoute> routes = new ArrayList<>(server.registeredRoutes());
        routes.add(new RegisteredRoute(HandlerType.GET, "/cluster_config/clusters/{clusterId}", true));
        routes.add(new RegisteredRoute(HandlerType.PUT, "/metric/clusters/{clusterId}", true));
        assertThat(OpenApiCoverage.problems(document, routes)).containsExactly(
                "GET /cluster_config/clusters/{clusterId} is registered but not documented",
                "PUT /metric/clusters/{clusterId} is registered but not documented");

        ObjectNode broken = document.deepCopy();
        ObjectNode watchOne = (ObjectNode) broken.path("paths")
                .path("/{env}/watch/clusters/{clusterId}/namespaces/{namespace}/{resourceType}/{resourceName}");
        watchOne.remove("parameters");
        ((ObjectNode) watchOne.path("put")).remove("requestBody");
        ((ObjectNode) broken.path("paths")).remove("/readyz");
        assertThat(OpenApiCoverage.problems(broken, server.registeredRoutes()))
                .contains("PUT /{env}/watch/clusters/{clusterId}/namespaces/{namespace}/{resourceType}/{resourceName}"
                                + " does not declare its path parameter clusterId",
                        "PUT /{env}/watch/clusters/{clusterId}/namespaces/{namespace}/{resourceType}/{resourceName}"
                                + " does not describe its request body",
                        "GET /readyz is registered but not documented");
    }

    @Test
    void theTypedQueryDocumentsEveryParameterOfEveryKindAndNoOther() {
        Set<String> expected = new TreeSet<>(Set.of("field", "extra", "offset", "limit", "labelSelector", "resourceName",
                "namespace", "name"));
        QueryKinds.all().forEach(kind -> expected.addAll(kind.parameterNames()));
        Set<String> documented = new TreeSet<>();
        for (JsonNode parameter : document.at("/paths/~1query~1{env}~1dynamic~1clusters~1{clusterId}~1{kind}/get/parameters")) {
            JsonNode resolved = parameter.has("$ref") ? document.at(parameter.path("$ref").asText().substring(1)) : parameter;
            documented.add(resolved.path("name").asText());
        }
        assertThat(documented).isEqualTo(expected);
    }

    @Test
    void theDocumentIsOpenApi3WithBothPrefixesAsServersAndItsSharedPartsResolved() {
        assertThat(document.path("openapi").asText()).isEqualTo("3.0.3");
        assertThat(document.path("servers").findValuesAsText("url")).containsExactly("/bcsstorage/v1", "/bcsapi/v4/storage");
        assertThat(document.has("x-macros")).isFalse();
        JsonNode list = document.at("/paths/~1{env}~1dynamic~1all_resources~1clusters~1{clusterId}~1{resourceType}/get");
        assertThat(list.path("parameters").isArray()).isTrue();
        assertThat(list.path("responses").path("200").path("$ref").asText()).isEqualTo("#/components/responses/Resources");
        assertThat(document.path("security").toString()).as("no token, nothing to authorize").isEqualTo("[]");
    }
}
