package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.query.TypedQueryRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.service.RunTypedQueryService;
import com.bkbcs.storage.domain.ResourceKey;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed queries over HTTP against a running server: for every kind, the document's own example
 * is found by parameters that describe it and missed by one that does not, under both prefixes,
 * by GET and by POST; a decoy of the same type without the example's data is never found by a
 * kind parameter.
 */
class TypedQueryRoutesTest {
    private static final Instant T = Instant.parse("2018-03-14T10:01:38.892Z");
    private static final List<String> PREFIXES = List.of("/bcsstorage/v1", "/bcsapi/v4/storage");
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    static InMemoryResourceStore store;
    static HttpServer server;
    static Http http;
    String cluster;

    @BeforeAll
    static void start() {
        store = new InMemoryResourceStore();
        server = HttpServer.start(new HttpSettings(0), List.of(new TypedQueryRoutes(new RunTypedQueryService(store))));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void newCluster() {
        cluster = "BCS-QUERY-" + CLUSTERS.incrementAndGet();
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("mesos", "taskgroup", "query-mesos-taskgroup.json",
                        "namespace=defaultgroup&hostIp=127.0.0.3,127.0.0.4&rcName=app-test&hostName=mesos-slave&podIp=127.0.0.5"
                                + "&status=Running&lastStatus=Starting&startTimeBegin=2017-10-09T07:37:44Z&startTimeEnd=1507534664"
                                + "&lastUpdateTimeBegin=2017-10-09%2007:37:46",
                        "startTimeBegin=1507534665"),
                Arguments.of("mesos", "application", "query-mesos-application.json",
                        "instance=1&buildedInstance=1&runningInstance=1,3&status=Running&lastStatus=Deploying"
                                + "&createTimeBegin=2017-09-13%2011:40:30&createTimeEnd=2017-09-13%2011:40:40"
                                + "&lastUpdateTimeEnd=2017-09-13T19:40:41%2B08:00",
                        "buildedInstance=2"),
                Arguments.of("mesos", "deployment", "query-mesos-deployment.json",
                        "isInRolling=false&checkTime=0&status=Running,Staging&applicationName=test-deployment"
                                + "&lastRollingTimeEnd=1&name=test-deployment",
                        "isInRolling=1"),
                Arguments.of("mesos", "service", "query-mesos-service.json", "apiVersion=v1&name=service-test", "apiVersion=v2"),
                Arguments.of("mesos", "configmap", "query-mesos-configmap.json", "apiVersion=v1", "apiVersion=v2"),
                Arguments.of("mesos", "secret", "query-mesos-secret.json", "apiVersion=v1&namespace=defaultGroup",
                        "namespace=other"),
                Arguments.of("mesos", "ippoolstatic", "query-mesos-ippoolstatic.json",
                        "name=IPPoolStatic-BCS-TEST-10000&data.poolnum=1", "data.poolnum=2"),
                Arguments.of("k8s", "pod", "query-k8s-pod.json",
                        "status=Running&hostIp=127.0.0.2&createTimeBegin=2017-10-16%2007:34:50&createTimeEnd=2017-10-16%2007:55:54"
                                + "&startTimeBegin=2017-10-16T15:34:52%2B08:00",
                        "status=Pending"),
                Arguments.of("k8s", "replicaset", "query-k8s-replicaset.json",
                        "replicas=2&availableReplicas=2&readyReplicas=1,2", "readyReplicas=3"),
                Arguments.of("k8s", "deployment", "query-k8s-deployment.json",
                        "replicas=1&availableReplicas=1&updatedReplicas=1&strategyType=RollingUpdate&dnsPolicy=ClusterFirst"
                                + "&restartPolicy=Always&createTimeBegin=2017-08-01T08:55:09Z",
                        "restartPolicy=Never"),
                Arguments.of("k8s", "service", "query-k8s-service.json", "clusterIp=127.0.0.1&type=ClusterIP", "type=NodePort"),
                Arguments.of("k8s", "configmap", "query-k8s-configmap.json",
                        "createTimeBegin=2017-05-08T12:34:16Z&createTimeEnd=2017-05-08T12:34:16Z",
                        "createTimeEnd=2017-05-08T12:34:15Z"),
                Arguments.of("k8s", "secret", "query-k8s-secret.json", "createTimeEnd=1494497680", "createTimeBegin=1494497681"),
                Arguments.of("k8s", "endpoints", "query-k8s-endpoints.json", "createTimeBegin=2017-08-15%2003:41:05",
                        "createTimeBegin=2017-08-15%2003:41:06"),
                Arguments.of("k8s", "ingress", "query-k8s-ingress.json", "createTimeBegin=2017-08-17T11:50:25%2B08:00",
                        "createTimeBegin=2017-08-17T11:50:26%2B08:00"),
                Arguments.of("k8s", "namespace", "query-k8s-namespace.json", "status=Active", "status=Terminating"),
                Arguments.of("k8s", "node", "query-k8s-node.json", "externalID=127.0.0.1", "externalID=127.0.0.2"),
                Arguments.of("k8s", "daemonset", "query-k8s-daemonset.json", "generation=1&templateGeneration=1",
                        "templateGeneration=2"),
                Arguments.of("k8s", "job", "query-k8s-job.json", "createTimeBegin=2018-03-14%2009:56:18&name=example",
                        "createTimeEnd=2018-03-14%2009:56:17"),
                Arguments.of("k8s", "statefulset", "query-k8s-statefulset.json",
                        "generation=1&podManagementPolicy=OrderedReady&updateStrategyType=OnDelete&serviceName=test1",
                        "serviceName=test2"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void findsTheDocumentsExampleByItsParameters(String env, String kind, String example, String matching, String missing) {
        Map<String, Object> item = seedExample(example);
        for (String prefix : PREFIXES) {
            String path = prefix + "/query/" + env + "/dynamic/clusters/" + cluster + "/" + kind;

            JsonNode found = ok(http.get(path + "?" + matching));
            assertThat(names(found)).as("GET %s?%s", path, matching).containsExactly((String) item.get("resourceName"));
            assertThat(found.at("/data/0/data")).isEqualTo(Http.JSON.valueToTree(item.get("data")));

            assertThat(names(ok(http.send("POST", path, jsonOf(matching))))).as("POST %s", matching)
                    .containsExactly((String) item.get("resourceName"));
            assertThat(names(ok(http.get(path + "?" + missing)))).as("GET %s?%s", path, missing).isEmpty();
            assertThat(names(ok(http.get(path)))).as("no parameters").hasSize(2);
        }
    }

    @Test
    void mesosApplicationAndProcessSplitOnDataKind() {
        put("application", "ns", "app", Map.of("status", "Running"));
        put("application", "ns", "proc", Map.of("kind", "process", "status", "Running"));
        String base = "/bcsstorage/v1/query/mesos/dynamic/clusters/" + cluster;

        assertThat(names(ok(http.get(base + "/application?status=Running")))).containsExactly("app");
        assertThat(names(ok(http.get(base + "/process?status=Running")))).containsExactly("proc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"endpoint", "endpoints"})
    void mesosEndpointAnswersUnderBothSpellings(String kind) {
        put("endpoint", "ns", "ep", Map.of("apiVersion", "v1"));
        assertThat(names(ok(http.get("/bcsstorage/v1/query/mesos/dynamic/clusters/" + cluster + "/" + kind + "?apiVersion=v1"))))
                .containsExactly("ep");
    }

    @Test
    void k8sEndpointsReadTheLegacyTypeNameToo() {
        put("Endpoints", "ns", "new", Map.of());
        put("EndPoints", "ns", "legacy", Map.of());
        String path = "/bcsapi/v4/storage/query/k8s/dynamic/clusters/" + cluster + "/endpoints";

        assertThat(names(ok(http.get(path)))).containsExactly("new", "legacy");
        assertThat(names(ok(http.get(path + "?offset=1&limit=1")))).containsExactly("legacy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mesos", "k8s"})
    void ipPoolDetailsAreServed(String env) {
        store.upsert(ResourceKey.clusterScoped(cluster, "IPPoolStaticDetail", "detail"), Map.of("pools", List.of()), T);
        assertThat(names(ok(http.get("/bcsstorage/v1/query/" + env + "/dynamic/clusters/" + cluster + "/ippoolstaticdetail"))))
                .containsExactly("detail");
    }

    @Test
    void mesosNamespaceListsTheSortedDistinctNamespaces() {
        put("taskgroup", "web", "t", Map.of());
        put("application", "api", "a", Map.of());
        put("deployment", "web", "d", Map.of());
        put("IPPoolStatic", "not-counted", "i", Map.of());

        JsonNode reply = ok(http.get("/bcsstorage/v1/query/mesos/dynamic/clusters/" + cluster + "/namespace"));
        assertThat(reply.get("data")).isEqualTo(Http.JSON.valueToTree(List.of("api", "web")));
    }

    @Test
    void k8sNamespaceWithUsedListsNamespacesOfAllNamespacedResources() {
        put("Pod", "web", "p", Map.of());
        put("Service", "api", "s", Map.of());
        store.upsert(ResourceKey.clusterScoped(cluster, "Namespace", "web"), Map.of("status", Map.of("phase", "Active")), T);
        String path = "/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/namespace";

        assertThat(ok(http.get(path + "?used=1")).get("data")).isEqualTo(Http.JSON.valueToTree(List.of("api", "web")));
        assertThat(names(ok(http.get(path)))).containsExactly("web");
        assertThat(names(ok(http.send("POST", path, "{\"used\":null,\"status\":\"Active\"}")))).containsExactly("web");
    }

    @Test
    void commonParametersWorkOnTypedQueries() {
        put("Pod", "ns", "a", Map.of("metadata", Map.of("labels", Map.of("app", "web")), "status", Map.of("phase", "Running")));
        put("Pod", "ns", "b", Map.of("metadata", Map.of("labels", Map.of("app", "db")), "status", Map.of("phase", "Running")));
        String path = "/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/pod";

        assertThat(names(ok(http.get(path + "?labelSelector=app%3Dweb")))).containsExactly("a");
        assertThat(names(ok(http.get(path + "?data.metadata.labels.app=db")))).containsExactly("b");
        assertThat(names(ok(http.get(path + "?name=a,b&offset=1")))).containsExactly("b");
        JsonNode projected = ok(http.get(path + "?field=resourceName,data.status.phase&limit=1"));
        assertThat(projected.get("data")).isEqualTo(Http.json("[{\"resourceName\":\"a\",\"data\":{\"status\":{\"phase\":\"Running\"}}}]"));
        String extra = java.util.Base64.getEncoder().encodeToString("{\"data.status.phase\":[\"Running\"],\"resourceName\":\"b\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(names(ok(http.get(path + "?extra=" + extra + "&access_token=x")))).containsExactly("b");
        assertThat(names(ok(http.send("POST", path, "{\"name\":[\"a\"],\"status\":\"Running\",\"limit\":5,\"field\":\"resourceName\"}"))))
                .containsExactly("a");
    }

    @Test
    void unknownKindIsNotFoundWithTheListCode() {
        put("Pod", "ns", "a", Map.of());
        for (String path : List.of("/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/taskgroup",
                "/bcsapi/v4/storage/query/mesos/dynamic/clusters/" + cluster + "/pod")) {
            Http.Reply reply = http.get(path);
            assertThat(reply.status()).isEqualTo(404);
            JsonNode body = Http.json(reply.body());
            assertThat(body.get("result").asBoolean()).isFalse();
            assertThat(body.get("code").asInt()).isEqualTo(10006);
            assertThat(body.get("message").asText()).startsWith("List resource failed: unknown query kind");
            assertThat(body.get("data")).isEqualTo(Http.json("[]"));
        }
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("k8s", "replicaset", "replicas=two", "replicas must be an integer"),
                Arguments.of("mesos", "application", "instance=1,x", "instance must be an integer"),
                Arguments.of("mesos", "deployment", "isInRolling=yes", "isInRolling must be true, false, 1 or 0"),
                Arguments.of("k8s", "pod", "createTimeBegin=yesterday", "createTimeBegin is not a time"),
                Arguments.of("k8s", "pod", "startTimeBegin=2020-01-02&startTimeEnd=2020-01-01", "startTimeBegin is not a time"),
                Arguments.of("k8s", "pod", "createTimeBegin=1600000000&createTimeEnd=1500000000", "ends before it begins"),
                Arguments.of("k8s", "namespace", "used=maybe", "used must be"),
                Arguments.of("k8s", "pod", "offset=-1", "offset must be a non-negative integer"),
                Arguments.of("k8s", "pod", "%24where=1", "must not contain segments starting with '$'"),
                Arguments.of("k8s", "pod", "field=data.%24ne", "must not start with '$'"),
                Arguments.of("k8s", "pod", "nmae=a", "unknown parameter 'nmae'; this route takes "),
                Arguments.of("k8s", "pod", "createTime=1500000000", "unknown parameter 'createTime'"),
                Arguments.of("k8s", "pod", "rcName=a", "unknown parameter 'rcName'"),
                Arguments.of("k8s", "pod", "used=1", "unknown parameter 'used'"),
                Arguments.of("mesos", "taskgroup", "phase=Running", "unknown parameter 'phase'"),
                Arguments.of("mesos", "namespace", "lableSelector=a", "unknown parameter 'lableSelector'"),
                Arguments.of("k8s", "deployment", "strategytype=Recreate", "unknown parameter 'strategytype'"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badParameters")
    void badParametersAreBadInputAndChangeNothing(String env, String kind, String query, String why) {
        put("Pod", "ns", "a", Map.of());
        int before = store.size();
        for (String method : List.of("GET", "POST")) {
            String path = "/bcsstorage/v1/query/" + env + "/dynamic/clusters/" + cluster + "/" + kind;
            Http.Reply reply = method.equals("GET") ? http.get(path + "?" + query) : http.send("POST", path + "?" + query, "");
            assertThat(reply.status()).as(method).isEqualTo(400);
            JsonNode body = Http.json(reply.body());
            assertThat(body.get("code").asInt()).isEqualTo(10006);
            assertThat(body.get("message").asText()).startsWith("List resource failed: ").contains(why);
            assertThat(body.get("data")).isEqualTo(Http.json("[]"));
        }
        assertThat(store.size()).isEqualTo(before);
    }

    @Test
    void theParametersAKindDocumentsAreAcceptedAndNoOthers() {
        put("Pod", "ns", "a", Map.of("status", Map.of("phase", "Running")));
        String path = "/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/pod";
        assertThat(names(ok(http.get(path + "?name=a&namespace=ns&status=Running&hostIp=&podIp=&startTimeBegin="
                + "&startTimeEnd=&createTimeBegin=&createTimeEnd=&resourceName=a&data.status.phase=Running"
                + "&labelSelector=&extra=&field=resourceName&offset=0&limit=10&access_token=t&bk_app_code=c"
                + "&bk_app_secret=s&bk_username=u")))).containsExactly("a");
        // what real callers POST: null means absent, even for a namespace
        assertThat(names(ok(http.send("POST", path, "{\"namespace\": null, \"name\": \"a\", \"status\": \"Running\"}"))))
                .containsExactly("a");
        // a misspelt member is as unknown in a body as in a query string, null or not
        for (String body : List.of("{\"lableSelector\": null}", "{\"nmae\": \"a\"}", "{\"stauts\": [\"Running\"]}")) {
            Http.Reply reply = http.send("POST", path, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(Http.json(reply.body()).get("message").asText()).as(body)
                    .startsWith("List resource failed: unknown parameter '");
        }
        // the kind decides first: an unknown kind is a 404 whatever its parameters
        assertThat(http.get("/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/pods?nmae=a").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "\"text\"", "{\"status\":{\"$ne\":1}}", "{bad json", "{\"name\":[{\"a\":1}]}"})
    void postBodiesMustBeObjectsOfScalars(String body) {
        Http.Reply reply = http.send("POST", "/bcsstorage/v1/query/k8s/dynamic/clusters/" + cluster + "/pod", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(Http.json(reply.body()).get("code").asInt()).isEqualTo(10006);
    }

    // ---------------------------------------------------------------- helpers

    /** Stores the example's item (named "example" when it has no name) and a decoy of the same type. */
    private Map<String, Object> seedExample(String file) {
        Map<String, Object> item = new LinkedHashMap<>(readExample(file));
        String type = (String) item.get("resourceType");
        String name = item.get("resourceName") instanceof String n && !n.isEmpty() ? n : "example";
        item.put("resourceName", name);
        if (item.get("namespace") instanceof String namespace) {
            store.upsert(ResourceKey.namespaced(cluster, namespace, type, name), item.get("data"), T);
            store.upsert(ResourceKey.namespaced(cluster, namespace, type, "decoy"), Map.of("metadata", Map.of()), T);
        } else {
            store.upsert(ResourceKey.clusterScoped(cluster, type, name), item.get("data"), T);
            store.upsert(ResourceKey.clusterScoped(cluster, type, "decoy"), Map.of("metadata", Map.of()), T);
        }
        return item;
    }

    private static Map<String, Object> readExample(String file) {
        try (InputStream in = TypedQueryRoutesTest.class.getResourceAsStream("/examples/" + file)) {
            JsonNode root = Http.JSON.readTree(in);
            return Http.JSON.convertValue(root.get("data").get(0), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(String type, String namespace, String name, Object data) {
        store.upsert(ResourceKey.namespaced(cluster, namespace, type, name), data, T);
    }

    private static JsonNode ok(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = Http.json(reply.body());
        assertThat(body.get("result").asBoolean()).isTrue();
        assertThat(body.get("code").asInt()).isZero();
        return body;
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.get("data").forEach(item -> names.add(item.get("resourceName").asText()));
        return names;
    }

    /** The query string as the JSON object a POST carries. */
    private static String jsonOf(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        try {
            return Http.JSON.writeValueAsString(parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
