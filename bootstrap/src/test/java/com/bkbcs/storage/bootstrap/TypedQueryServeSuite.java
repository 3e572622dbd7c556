package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed queries end to end, on every backend (see {@link ServeSuite}): data put over HTTP is found
 * by the typed query routes, and time ranges over reported times with mixed offsets select by
 * instant (the Mongo adapter through the normalized times it keeps, the memory store through the
 * domain's reference semantics).
 */
abstract class TypedQueryServeSuite extends ServeSuite {

    private void put(String env, String namespace, String type, String name, String data) throws InterruptedException {
        Http.Reply reply = http.put(V1 + "/" + env + "/dynamic/namespace_resources/clusters/" + cluster
                + "/namespaces/" + namespace + "/" + type + "/" + name, "{\"data\":" + data + "}");
        assertThat(reply.status()).isEqualTo(200);
    }

    private List<String> names(String path) throws InterruptedException {
        Http.Reply reply = http.get(V4 + "/query/" + path.replace("{cluster}", cluster));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode item : reply.body().get("data")) {
            names.add(item.isTextual() ? item.asText() : item.get("resourceName").asText());
        }
        return names;
    }

    @Test
    void podCreateTimeRangesCompareInstantsWhateverTheOffset() throws Exception {
        put("k8s", "default", "Pod", "utc", "{\"metadata\":{\"creationTimestamp\":\"2017-10-16T07:34:52Z\"},\"status\":{\"phase\":\"Running\"}}");
        put("k8s", "default", "Pod", "plus8", "{\"metadata\":{\"creationTimestamp\":\"2017-10-16T15:34:53+08:00\"},\"status\":{\"phase\":\"Running\"}}");
        put("k8s", "default", "Pod", "late", "{\"metadata\":{\"creationTimestamp\":\"2017-10-16T08:00:00Z\"},\"status\":{\"phase\":\"Pending\"}}");

        assertThat(names("k8s/dynamic/clusters/{cluster}/pod?createTimeBegin=2017-10-16%2007:34:50&createTimeEnd=2017-10-16%2007:34:53"))
                .containsExactly("plus8", "utc");
        assertThat(names("k8s/dynamic/clusters/{cluster}/pod?createTimeBegin=1508139293")).containsExactly("late", "plus8");
        assertThat(names("k8s/dynamic/clusters/{cluster}/pod?status=Running&createTimeEnd=2017-10-16T07:34:52Z"))
                .containsExactly("utc");
    }

    @Test
    void mesosKinds() throws Exception {
        put("mesos", "web", "application", "app", "{\"status\":\"Running\",\"instance\":2}");
        put("mesos", "web", "application", "proc", "{\"kind\":\"process\",\"status\":\"Running\",\"instance\":2}");
        put("mesos", "api", "taskgroup", "t", "{\"hostIP\":\"127.0.0.3\",\"startTime\":\"2017-10-09T15:37:44+08:00\"}");

        assertThat(names("mesos/dynamic/clusters/{cluster}/application?instance=2")).containsExactly("app");
        assertThat(names("mesos/dynamic/clusters/{cluster}/process?instance=2")).containsExactly("proc");
        assertThat(names("mesos/dynamic/clusters/{cluster}/taskgroup?startTimeBegin=2017-10-09T07:37:44Z&startTimeEnd=2017-10-09T07:37:44Z"))
                .containsExactly("t");
        assertThat(names("mesos/dynamic/clusters/{cluster}/namespace")).containsExactly("api", "web");
    }

    @Test
    void k8sEndpointsReadBothSpellings() throws Exception {
        put("k8s", "ns", "Endpoints", "new", "{}");
        put("k8s", "ns", "EndPoints", "legacy", "{}");

        assertThat(names("k8s/dynamic/clusters/{cluster}/endpoints")).containsExactly("new", "legacy");
        assertThat(names("k8s/dynamic/clusters/{cluster}/namespace?used=1")).containsExactly("ns");
    }
}
