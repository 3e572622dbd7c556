package com.bkbcs.storage.adapters.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricRoutesTest extends ReportsApiFixture {

    private String one(String prefix, String namespace, String type, String name) {
        return prefix + "/metric/clusters/" + cluster + "/namespaces/" + namespace + "/" + type + "/" + name;
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void metricLifecycle(String prefix) {
        String one = one(prefix, "ns", "cpu", "web");

        DynamicApiFixture.assertSuccess(http.put(one, "{\"data\": {\"usage\": 0.5}}"));
        clock.advance(Duration.ofMillis(1500));
        DynamicApiFixture.assertSuccess(http.put(one, "{\"data\": {\"usage\": 0.7}}"));

        DynamicApiFixture.assertReply(http.get(one), 200, """
                {"result": true, "code": 0, "message": "success", "data": {
                  "_id": "%1$s/ns/cpu/web", "clusterId": "%1$s", "namespace": "ns", "type": "cpu", "name": "web",
                  "data": {"usage": 0.7}, "createTime": "%2$s", "updateTime": "2018-03-14T10:01:40.392Z"}}"""
                .formatted(cluster, T0_TEXT));
        DynamicApiFixture.assertReply(http.get(one + "?field=name,data.usage"), 200, """
                {"result": true, "code": 0, "message": "success", "data": {"name": "web", "data": {"usage": 0.7}}}""");
        DynamicApiFixture.assertReply(http.get(prefix + "/metric/clusters/" + cluster), 200, """
                {"result": true, "code": 0, "message": "success", "data": [{
                  "_id": "%1$s/ns/cpu/web", "clusterId": "%1$s", "namespace": "ns", "type": "cpu", "name": "web",
                  "data": {"usage": 0.7}, "createTime": "%2$s", "updateTime": "2018-03-14T10:01:40.392Z"}]}"""
                .formatted(cluster, T0_TEXT));

        DynamicApiFixture.assertSuccess(http.delete(one));
        DynamicApiFixture.assertFailure(http.get(one), 404, 10004, "Get resource failed: metric does not exist", false);
        DynamicApiFixture.assertSuccess(http.delete(one));
    }

    @Test
    void aClustersMetricsFilterByNamespaceTypeAndNameListsExtraAndPage() {
        String prefix = PREFIXES.get(1);
        for (String ns : new String[] {"a", "b"}) {
            for (String type : new String[] {"cpu", "mem"}) {
                for (String name : new String[] {"x", "y"}) {
                    DynamicApiFixture.assertSuccess(http.put(one(prefix, ns, type, name),
                            "{\"data\": {\"tag\": \"" + ns + type + name + "\"}}"));
                }
            }
        }
        String list = prefix + "/metric/clusters/" + cluster;

        assertThat(values(http.get(list), "_id")).hasSize(8).isSorted();
        assertThat(values(http.get(list + "?namespace=b&type=cpu,mem&name=y"), "_id"))
                .containsExactly(cluster + "/b/cpu/y", cluster + "/b/mem/y");
        assertThat(values(http.get(list + "?extra=" + Http.extra("{\"data.tag\": [\"acpux\", \"bmemx\"]}")), "name"))
                .containsExactly("x", "x");
        assertThat(values(http.get(list + "?type=mem&offset=1&limit=2&field=_id"), "_id"))
                .containsExactly(cluster + "/a/mem/y", cluster + "/b/mem/x");
        assertThat(values(http.get(prefix + "/metric/clusters/nobody-" + cluster), "_id")).isEmpty();
    }

    @Test
    void clusterIdsAreTheClustersWithMetrics() {
        String prefix = PREFIXES.get(0);
        DynamicApiFixture.assertSuccess(http.put(one(prefix, "ns", "cpu", "a"), "{\"data\": null}"));
        Http.Reply reply = http.get(prefix + "/metric/clusters");
        assertThat(reply.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().path("data").forEach(id -> ids.add(id.asText()));
        assertThat(ids).contains(cluster).isSorted().doesNotHaveDuplicates();
        DynamicApiFixture.assertSuccess(http.delete(one(prefix, "ns", "cpu", "a")));
        assertThat(http.get(prefix + "/metric/clusters").json().path("data").toString()).doesNotContain("\"" + cluster + "\"");
    }
}
