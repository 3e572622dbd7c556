package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.ResourceKey;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class DynamicRoutesTest extends DynamicApiFixture {

    @ParameterizedTest
    @MethodSource("bases")
    void namespacedResourceLifecycle(String base) {
        String one = nsPath(base, "default", "Pod") + "/web-0";

        assertSuccess(http.put(one, """
                {"data": {"metadata": {"name": "web-0"}, "status": {"phase": "Running"}}}"""));
        Http.Reply got = http.get(one);
        long revision = got.json().path("data").path("revision").asLong();
        assertThat(revision).isPositive();
        assertReply(got, 200, """
                {"result": true, "code": 0, "message": "success", "data": {
                  "_id": "%1$s/default/Pod/web-0", "clusterId": "%1$s", "namespace": "default",
                  "resourceType": "Pod", "resourceName": "web-0",
                  "data": {"metadata": {"name": "web-0"}, "status": {"phase": "Running"}},
                  "createTime": "%2$s", "updateTime": "%2$s", "revision": %3$d}}""".formatted(cluster, T0_TEXT, revision));
        assertReply(http.get(nsPath(base, "default", "Pod")), 200, """
                {"result": true, "code": 0, "message": "success", "data": [{
                  "_id": "%1$s/default/Pod/web-0", "clusterId": "%1$s", "namespace": "default",
                  "resourceType": "Pod", "resourceName": "web-0",
                  "data": {"metadata": {"name": "web-0"}, "status": {"phase": "Running"}},
                  "createTime": "%2$s", "updateTime": "%2$s", "revision": %3$d}]}""".formatted(cluster, T0_TEXT, revision));

        assertSuccess(http.delete(one));
        assertFailure(http.get(one), 404, 10004, "Get resource failed: resource does not exist", false);
        assertSuccess(http.delete(one));
        assertReply(http.get(nsPath(base, "default", "Pod")), 200, """
                {"result": true, "code": 0, "message": "success", "data": []}""");
    }

    @ParameterizedTest
    @MethodSource("bases")
    void clusterResourceLifecycle(String base) {
        String one = clusterPath(base, "Node") + "/node-1";

        assertSuccess(http.put(one, """
                {"data": [1, "two", null, true, 2.5]}"""));
        Http.Reply got = http.get(one);
        long revision = got.json().path("data").path("revision").asLong();
        assertThat(revision).isPositive();
        assertReply(got, 200, """
                {"result": true, "code": 0, "message": "success", "data": {
                  "_id": "%1$s/Node/node-1", "clusterId": "%1$s", "resourceType": "Node", "resourceName": "node-1",
                  "data": [1, "two", null, true, 2.5], "createTime": "%2$s", "updateTime": "%2$s", "revision": %3$d}}"""
                .formatted(cluster, T0_TEXT, revision));
        assertReply(http.get(clusterPath(base, "Node")), 200, """
                {"result": true, "code": 0, "message": "success", "data": [{
                  "_id": "%1$s/Node/node-1", "clusterId": "%1$s", "resourceType": "Node", "resourceName": "node-1",
                  "data": [1, "two", null, true, 2.5], "createTime": "%2$s", "updateTime": "%2$s", "revision": %3$d}]}"""
                .formatted(cluster, T0_TEXT, revision));

        assertSuccess(http.delete(one));
        assertFailure(http.get(one), 404, 10004, "Get resource failed: resource does not exist", false);
        assertSuccess(http.delete(one));
    }

    @ParameterizedTest
    @MethodSource("bases")
    void nullDataIsStoredAsNull(String base) {
        String one = nsPath(base, "ns", "ConfigMap") + "/empty";
        assertSuccess(http.put(one, "{\"data\": null}"));
        assertThat(http.get(one).json().path("data").path("data").isNull()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("bases")
    void scopesListAndBatchDeleteTheirOwnResources(String base) {
        seed("ns1", "Svc", "a", "{}");
        seed("ns2", "Svc", "b", "{}");
        seedClusterScoped("Svc", "c", "{}");
        ResourceKey otherType = seed("ns1", "Pod", "d", "{}");

        assertThat(names(http.get(nsPath(base, "ns1", "Svc")))).containsExactly("a");
        assertThat(names(http.get(clusterPath(base, "Svc")))).containsExactly("c");
        assertThat(names(http.get(allPath(base, "Svc")))).containsExactly("c", "a", "b");

        assertSuccess(http.delete(nsPath(base, "ns2", "Svc")));
        assertThat(names(http.get(allPath(base, "Svc")))).containsExactly("c", "a");
        assertSuccess(http.delete(clusterPath(base, "Svc")));
        assertThat(names(http.get(allPath(base, "Svc")))).containsExactly("a");
        seedClusterScoped("Svc", "c", "{}");
        assertSuccess(http.delete(allPath(base, "Svc")));
        assertThat(names(http.get(allPath(base, "Svc")))).isEmpty();
        assertThat(store.find(otherType)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("bases")
    void resourceTypeIsCaseSensitive(String base) {
        seed("ns", "Pod", "a", "{}");
        assertThat(names(http.get(nsPath(base, "ns", "pod")))).isEmpty();
        assertFailure(http.get(nsPath(base, "ns", "pod") + "/a"), 404, 10004,
                "Get resource failed: resource does not exist", false);
    }

    @Test
    void putAgainKeepsCreateTimeAndReplacesDataAndUpdateTime() {
        String one = nsPath(BASES.get(0), "ns", "Deployment") + "/api";
        assertSuccess(http.put(one, "{\"data\": {\"replicas\": 1, \"old\": true}}"));
        clock.advance(Duration.ofMillis(61_234));
        assertSuccess(http.put(one, "{\"data\": {\"replicas\": 2}}"));

        JsonNode document = http.get(one).json().path("data");
        assertThat(document.path("createTime").asText()).isEqualTo(T0_TEXT);
        assertThat(document.path("updateTime").asText()).isEqualTo("2018-03-14T10:02:40.126Z");
        assertThat(document.path("data")).isEqualTo(Http.json("{\"replicas\": 2}"));
    }

    @Test
    void documentsRenderTheirFieldsInOrderWithMillisecondUtcTimes() {
        clock.set(java.time.Instant.parse("2024-01-02T03:04:05Z"));
        String one = nsPath(BASES.get(1), "ns", "Pod") + "/p";
        assertSuccess(http.put(one, "{\"data\": {\"z\": 1, \"a\": 2}}"));

        JsonNode document = http.get(one).json().path("data");
        List<String> fields = new ArrayList<>();
        document.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("_id", "clusterId", "namespace", "resourceType", "resourceName", "data",
                "createTime", "updateTime", "revision");
        List<String> dataFields = new ArrayList<>();
        document.path("data").fieldNames().forEachRemaining(dataFields::add);
        assertThat(dataFields).containsExactly("z", "a");
        assertThat(document.path("createTime").asText()).matches(TIME_FORMAT).isEqualTo("2024-01-02T03:04:05.000Z");
        assertThat(document.path("updateTime").asText()).matches(TIME_FORMAT);
    }

    @Test
    void hostileKeysRoundTripAndDottedKeysAreQueryableThroughExtra() {
        String base = BASES.get(3);
        String data = """
                {"metadata": {"name": "web", "labels": {"app.kubernetes.io/name": "web", "名字": "值",
                  "$weird": {"$gt": 1}, "a.b.c": [1, {"d.e": "f"}]}}, "": "empty key", "\\u0000x": "nul key"}""";
        assertSuccess(http.put(nsPath(base, "ns", "Pod") + "/web", "{\"data\": " + data + "}"));
        assertSuccess(http.put(nsPath(base, "ns", "Pod") + "/other", "{\"data\": {\"metadata\": {\"name\": \"o\"}}}"));

        assertThat(http.get(nsPath(base, "ns", "Pod") + "/web").json().path("data").path("data"))
                .isEqualTo(Http.json(data));
        String list = nsPath(base, "ns", "Pod") + "?extra=";
        assertThat(names(http.get(list + Http.extra("""
                {"data.metadata.labels.app\\uff0ekubernetes\\uff0eio/name": "web"}""")))).containsExactly("web");
        assertThat(names(http.get(list + Http.extra("""
                {"data.metadata.labels.名字": "值"}""")))).containsExactly("web");
        assertThat(names(http.get(list + Http.extra("""
                {"data.metadata.labels.a\\uff0eb\\uff0ec.d\\uff0ee": "f"}""")))).containsExactly("web");
        assertThat(names(http.get(nsPath(base, "ns", "Pod") + "?data.metadata.labels."
                + Http.encode("app\uff0ekubernetes\uff0eio/name") + "=web"))).containsExactly("web");
    }

    @Test
    void fieldProjectsPathsIncludingThroughArrays() {
        String base = BASES.get(0);
        seed("ns", "Pod", "p1", """
                {"metadata": {"name": "p1", "uid": "u1"}, "status": {"phase": "Running", "containerStatuses": [
                  {"name": "a", "containerID": "docker://1", "ready": true}, {"name": "b", "containerID": "docker://2"},
                  {"name": "c"}]}}""");

        assertReply(http.get(nsPath(base, "ns", "Pod")
                        + "?field=resourceName,data.metadata.name,data.status.containerStatuses.containerID,data.nothing"),
                200, """
                {"result": true, "code": 0, "message": "success", "data": [{"resourceName": "p1",
                  "data": {"metadata": {"name": "p1"},
                           "status": {"containerStatuses": [{"containerID": "docker://1"}, {"containerID": "docker://2"}]}}}]}""");
        assertReply(http.get(nsPath(base, "ns", "Pod") + "/p1?field=data.status.phase&field=namespace"), 200, """
                {"result": true, "code": 0, "message": "success",
                 "data": {"namespace": "ns", "data": {"status": {"phase": "Running"}}}}""");
        assertReply(http.get(nsPath(base, "ns", "Pod") + "/p1?field=data.none"), 200, """
                {"result": true, "code": 0, "message": "success", "data": {}}""");
    }

    @Test
    void offsetAndLimitPageInIdOrderAndLimitZeroMeansAll() {
        String base = BASES.get(2);
        for (String name : List.of("e", "a", "d", "b", "c")) {
            seed("ns", "Pod", name, "{}");
        }
        String list = nsPath(base, "ns", "Pod");
        assertThat(names(http.get(list + "?limit=2"))).containsExactly("a", "b");
        assertThat(names(http.get(list + "?offset=2&limit=2"))).containsExactly("c", "d");
        assertThat(names(http.get(list + "?offset=4&limit=2"))).containsExactly("e");
        assertThat(names(http.get(list + "?offset=9"))).isEmpty();
        assertThat(names(http.get(list + "?limit=0"))).containsExactly("a", "b", "c", "d", "e");
        assertThat(names(http.get(list + "?offset=3&limit=0"))).containsExactly("d", "e");
        assertThat(names(http.get(list + "?offset=&limit="))).hasSize(5);
    }

    @Test
    void manyItemsStreamAsOneList() {
        String base = BASES.get(0);
        for (int i = 0; i < 3_000; i++) {
            seed("ns", "Pod", "pod-%05d".formatted(i), "{\"metadata\": {\"name\": \"pod-%05d\", \"pad\": \"%s\"}}"
                    .formatted(i, "x".repeat(100)));
        }
        List<String> names = names(http.get(nsPath(base, "ns", "Pod")));
        assertThat(names).hasSize(3_000).startsWith("pod-00000").endsWith("pod-02999");
    }

    @Test
    void labelSelectorFiltersOnMetadataLabels() {
        String base = BASES.get(1);
        seed("ns", "Pod", "web", "{\"metadata\": {\"labels\": {\"app\": \"web\", \"tier\": \"front\"}}}");
        seed("ns", "Pod", "db", "{\"metadata\": {\"labels\": {\"app\": \"db\", \"tier\": \"back\", \"canary\": \"1\"}}}");
        seed("ns", "Pod", "bare", "{\"metadata\": {}}");
        String list = nsPath(base, "ns", "Pod") + "?labelSelector=";

        assertThat(names(http.get(list + Http.encode("app=web")))).containsExactly("web");
        assertThat(names(http.get(list + Http.encode("app!=web")))).containsExactly("bare", "db");
        assertThat(names(http.get(list + Http.encode("tier in (front,back),!canary")))).containsExactly("web");
        assertThat(names(http.get(list + Http.encode("app notin (db)")))).containsExactly("bare", "web");
        assertThat(names(http.get(list + "canary"))).containsExactly("db");
        assertThat(names(http.get(list + "app&labelSelector=" + Http.encode("tier=back")))).containsExactly("db");
    }

    @Test
    void pathNamedParametersFilterWithAnyOfAndIgnoreEmptyAndGatewayParameters() {
        String base = BASES.get(0);
        seed("ns", "Deployment", "a", "{\"metadata\": {\"name\": \"q1\"}, \"spec\": {\"replicas\": 3}}");
        seed("ns", "Deployment", "b", "{\"metadata\": {\"name\": \"q2\"}, \"spec\": {\"replicas\": \"3\"}}");
        seed("ns", "Deployment", "c", "{\"metadata\": {\"name\": \"q3\"}, \"spec\": {\"replicas\": 1}}");
        seed("ns2", "Deployment", "d", "{\"metadata\": {\"name\": \"q1\"}}");
        String list = nsPath(base, "ns", "Deployment");
        String all = allPath(base, "Deployment");

        assertThat(names(http.get(list + "?data.metadata.name=q1,q3"))).containsExactly("a", "c");
        assertThat(names(http.get(list + "?data.metadata.name=q1&data.metadata.name=q2"))).containsExactly("a", "b");
        assertThat(names(http.get(list + "?data.spec.replicas=3"))).containsExactly("a", "b");
        assertThat(names(http.get(list + "?resourceName=b,c,zz"))).containsExactly("b", "c");
        assertThat(names(http.get(list + "?resourceName=a&data.metadata.name=q2"))).isEmpty();
        assertThat(names(http.get(all + "?namespace=ns2"))).containsExactly("d");
        assertThat(names(http.get(all + "?namespace=ns,ns2&data.metadata.name=q1"))).containsExactly("a", "d");
        assertThat(names(http.get(list + "?resourceName=&data.metadata.name=&labelSelector=&extra=&field="
                + "&access_token=secret&bk_app_code=app&bk_app_secret=s&bk_username=u"))).containsExactly("a", "b", "c");
        assertThat(names(http.get(list + "?resourceName=a,,"))).containsExactly("a");
    }

    @Test
    void extraMatchesScalarsArraysNumbersAndNullThroughArrays() {
        String base = BASES.get(3);
        seed("ns", "ReplicaSet", "a", """
                {"metadata": {"ownerReferences": [{"name": "dep-a"}, {"name": "x"}]}, "replicas": 2, "ready": true}""");
        seed("ns", "ReplicaSet", "b", """
                {"metadata": {"ownerReferences": [{"name": "dep-b"}]}, "replicas": 3, "ready": false, "gone": null}""");
        String list = nsPath(base, "ns", "ReplicaSet") + "?extra=";

        assertThat(names(http.get(list + Http.extra("{\"data.metadata.ownerReferences.name\": \"dep-b\"}"))))
                .containsExactly("b");
        assertThat(names(http.get(list + Http.extra("{\"data.replicas\": [2, 3], \"data.ready\": true}"))))
                .containsExactly("a");
        assertThat(names(http.get(list + Http.extra("{\"data.gone\": null}")))).containsExactly("a", "b");
        assertThat(names(http.get(list + Http.extra("{\"resourceName\": \"b\", \"namespace\": \"ns\"}"))))
                .containsExactly("b");
        assertThat(names(http.get(list + Http.extra("{}")))).containsExactly("a", "b");
    }

    @Test
    void extraToleratesAPlusThatFormDecodingTurnedIntoASpaceAndUrlSafeBase64() {
        String base = BASES.get(0);
        seed("ns", "Pod", "slash", "{\"k\": \"???\"}");
        seed("ns", "Pod", "plus", "{\"k\": \">>>\"}");
        String withSlash = Base64.getEncoder().encodeToString("{\"data.k\": \"???\"}".getBytes(UTF_8));
        String withPlus = Base64.getEncoder().encodeToString("{\"data.k\": \">>>\"}".getBytes(UTF_8));
        assertThat(withSlash).contains("/");
        assertThat(withPlus).contains("+");
        String list = nsPath(base, "ns", "Pod") + "?extra=";

        assertThat(names(http.get(list + withSlash))).containsExactly("slash");
        assertThat(names(http.get(list + Base64.getUrlEncoder().encodeToString("{\"data.k\": \"???\"}".getBytes(UTF_8)))))
                .containsExactly("slash");
        assertThat(names(http.get(list + withPlus))).containsExactly("plus");
        assertThat(names(http.get(list + Http.extra("{\"data.k\": \">>>\"}")))).containsExactly("plus");
    }

    @Test
    void batchDeleteWithQueryStringBounds() {
        String base = BASES.get(1);
        seed("ns", "Pod", "t0", "{}");
        clock.advance(Duration.ofSeconds(100));
        seed("ns", "Pod", "t100", "{}");
        clock.advance(Duration.ofSeconds(100));
        seed("ns", "Pod", "t200", "{}");
        long t0 = T0.getEpochSecond();
        String list = nsPath(base, "ns", "Pod");

        assertSuccess(http.delete(list + "?updateTimeBegin=" + (t0 + 50) + "&updateTimeEnd=" + (t0 + 150)));
        assertThat(names(http.get(list))).containsExactly("t0", "t200");
        assertSuccess(http.delete(list + "?updateTimeBegin=0&updateTimeEnd=" + Http.encode("2018-03-14 10:01:39")));
        assertThat(names(http.get(list))).containsExactly("t200");
        assertSuccess(http.delete(list + "?updateTimeBegin=" + Http.encode("2018-03-14T18:05:00+08:00")));
        assertThat(names(http.get(list))).containsExactly("t200");
        assertSuccess(http.delete(list + "?updateTimeBegin=" + Http.encode("2018-03-14T10:04:58Z")));
        assertThat(names(http.get(list))).isEmpty();
    }

    @Test
    void batchDeleteWithJsonBodyBoundsQueryStringFirst() {
        String base = BASES.get(2);
        seed("ns", "Pod", "t0", "{}");
        clock.advance(Duration.ofSeconds(100));
        seed("ns", "Pod", "t100", "{}");
        clock.advance(Duration.ofSeconds(100));
        seed("ns", "Pod", "t200", "{}");
        long t0 = T0.getEpochSecond();
        String list = nsPath(base, "ns", "Pod");

        assertSuccess(http.send("DELETE", list, "{\"updateTimeBegin\": %d, \"updateTimeEnd\": \"%d\"}"
                .formatted(t0 + 50, t0 + 150)));
        assertThat(names(http.get(list))).containsExactly("t0", "t200");
        // the query string's begin wins over the body's; the body fills the end the query lacks
        assertSuccess(http.send("DELETE", list + "?updateTimeBegin=" + (t0 + 150),
                "{\"updateTimeBegin\": 0, \"updateTimeEnd\": %d.0}".formatted(t0 + 250)));
        assertThat(names(http.get(list))).containsExactly("t0");
        assertSuccess(http.send("DELETE", list, "{\"updateTimeBegin\": 0, \"updateTimeEnd\": null}"));
        assertThat(names(http.get(list))).isEmpty();
    }

    @Test
    void batchDeleteAppliesExtraAndFieldFilters() {
        String base = BASES.get(3);
        seed("ns", "Pod", "a", "{\"metadata\": {\"labels\": {\"app\": \"web\"}}, \"owner\": \"x\"}");
        seed("ns", "Pod", "b", "{\"metadata\": {\"labels\": {\"app\": \"web\"}}, \"owner\": \"y\"}");
        seed("ns", "Pod", "c", "{\"metadata\": {\"labels\": {\"app\": \"db\"}}, \"owner\": \"x\"}");
        seed("ns", "Pod", "d", "{\"owner\": \"x\"}");
        String list = nsPath(base, "ns", "Pod");

        assertSuccess(http.delete(list + "?extra=" + Http.extra("{\"data.owner\": \"x\"}") + "&labelSelector=app"));
        assertThat(names(http.get(list))).containsExactly("b", "d");
        assertSuccess(http.delete(list + "?resourceName=d&data.owner=y"));
        assertThat(names(http.get(list))).containsExactly("b", "d");
        assertSuccess(http.delete(allPath(base, "Pod") + "?data.owner=y"));
        assertThat(names(http.get(list))).containsExactly("d");
    }

    @Test
    void unicodeAndPunctuationInPathSegmentsRoundTrip() {
        String base = BASES.get(0);
        String name = "名字-a+b:c@d~e=f.g";
        String one = nsPath(base, "命名空间", "Pod") + "/" + Http.encode(name);
        assertSuccess(http.put(one, "{\"data\": 1}"));
        JsonNode document = http.get(one).json().path("data");
        assertThat(document.path("resourceName").asText()).isEqualTo(name);
        assertThat(document.path("namespace").asText()).isEqualTo("命名空间");
        assertThat(names(http.get(nsPath(base, "命名空间", "Pod") + "?resourceName=" + Http.encode(name))))
                .containsExactly(name);
    }
}
