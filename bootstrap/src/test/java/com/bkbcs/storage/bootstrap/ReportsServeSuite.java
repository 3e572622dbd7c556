package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase.RetentionReport;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.RetentionPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events, alarms, metrics and hosts through the whole application, over HTTP, on every backend
 * (see {@link ServeSuite}); retention enforced on what the application stored.
 */
abstract class ReportsServeSuite extends ServeSuite {

    static List<String> texts(JsonNode items, String field) {
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(field.isEmpty() ? item.asText() : item.path(field).asText()));
        return texts;
    }

    /** Reports to every area, under both prefixes. */
    void reportToEveryArea(Http client) throws InterruptedException {
        String event = """
                {"env": "k8s", "kind": "pod", "level": "%s", "component": "kubelet", "type": "%s", "clusterId": "%s",
                 "eventTime": %d, "extraInfo": {"name": "web", "namespace": "default", "kind": "application"}}""";
        assertThat(client.put(V1 + "/events", event.formatted("normal", "created", cluster, 1509423100)).status()).isEqualTo(200);
        assertThat(client.put(V4 + "/events", event.formatted("warning", "killing", cluster, 1509423130)).status()).isEqualTo(200);
        assertThat(client.put(V1 + "/events", event.formatted("warning", "zero", cluster, -62135596800L)).status()).isEqualTo(200);
        assertThat(client.send("POST", V4 + "/alarms", """
                {"clusterId": "%s", "namespace": "test", "message": "disk full", "source": "127.0.0.4",
                 "module": "bcs-health", "type": "sms", "receivedTime": 1510774481}""".formatted(cluster)).status()).isEqualTo(200);
        String metric = "/metric/clusters/" + cluster + "/namespaces/ns/cpu/web";
        assertThat(client.put(V1 + metric, "{\"data\": {\"usage\": 0.5}}").status()).isEqualTo(200);
        assertThat(client.put(V4 + "/host/" + cluster + "-h1", "{\"clusterId\": \"" + cluster + "\", \"data\": {\"cpu\": 8}}")
                .status()).isEqualTo(200);
        assertThat(client.send("POST", V1 + "/host/clusters/" + cluster, "{\"ips\": [\"" + cluster + "-h2\"]}").status())
                .isEqualTo(200);
    }

    /** Reads back what {@link #reportToEveryArea} reported, filtered and paged, and moves a host out of the cluster. */
    void readEveryAreaBack(Http client) throws InterruptedException {
        Http.Reply events = client.get(V4 + "/events?clusterId=" + cluster + "&level=warning&length=1");
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.body().path("total").asLong()).isEqualTo(2);
        assertThat(texts(events.body().path("data"), "type")).containsExactly("killing");
        assertThat(events.body().at("/data/0/eventTime").asText()).isEqualTo("2017-10-31T04:12:10.000Z");
        assertThat(texts(client.get(V1 + "/events?clusterId=" + cluster + "&timeEnd=0&offset=2").body().path("data"),
                "eventTime")).containsExactly("0001-01-01T00:00:00.000Z");

        Http.Reply alarms = client.get(V1 + "/alarms?clusterId=" + cluster + "&timeBegin=1510774481");
        assertThat(alarms.body().path("total").asLong()).isEqualTo(1);
        assertThat(alarms.body().at("/data/0/receivedTime").asText()).isEqualTo("2017-11-15T19:34:41.000Z");

        Http.Reply metric = client.get(V4 + "/metric/clusters/" + cluster + "/namespaces/ns/cpu/web");
        assertThat(metric.body().at("/data/_id").asText()).isEqualTo(cluster + "/ns/cpu/web");
        assertThat(metric.body().at("/data/data/usage").asDouble()).isEqualTo(0.5);
        assertThat(texts(client.get(V1 + "/metric/clusters").body().path("data"), "")).contains(cluster);

        assertThat(texts(client.get(V4 + "/host/clusters/" + cluster).body().path("data"), "ip"))
                .containsExactly(cluster + "-h1", cluster + "-h2");
        assertThat(client.put(V4 + "/host/clusters/" + cluster, "{\"ips\": [\"" + cluster + "-h2\"]}").status()).isEqualTo(200);
        assertThat(client.get(V1 + "/host/" + cluster + "-h1").body().at("/data/clusterId").asText()).isEmpty();
        assertThat(client.get(V1 + "/host/" + cluster + "-h1").body().at("/data/data/cpu").asInt()).isEqualTo(8);
    }

    @Test
    void servesEveryAreaUnderBothPrefixes() throws Exception {
        reportToEveryArea(http);
        readEveryAreaBack(http);
    }

    @Test
    void retentionCutsEachClusterBack() throws Exception {
        RetentionConfig retention = new RetentionConfig(new RetentionPolicy(15, 2), new RetentionPolicy(0, 1),
                Duration.ofHours(1), Duration.ofHours(1));
        try (RunningApp retaining = RunningApp.start(config(dir.resolve("retention")), OperabilityConfig.defaults(), retention)) {
            Http client = new Http(retaining.port());
            for (int i = 0; i < 5; i++) {
                assertThat(client.put(V1 + "/events", "{\"clusterId\": \"" + cluster + "\", \"type\": \"t" + i
                        + "\", \"eventTime\": " + (100 - i) + "}").status()).isEqualTo(200);
                assertThat(client.send("POST", V1 + "/alarms", "{\"clusterId\": \"" + cluster + "\", \"type\": \"a" + i + "\"}")
                        .status()).isEqualTo(200);
            }

            RetentionReport report = retaining.retention().enforce();

            assertThat(report.removedByCap()).containsEntry(JournalKind.EVENTS, 3L).containsEntry(JournalKind.ALARMS, 4L);
            assertThat(report.removedByAge()).containsEntry(JournalKind.EVENTS, 0L).doesNotContainKey(JournalKind.ALARMS);
            Http.Reply events = client.get(V4 + "/events?clusterId=" + cluster);
            assertThat(events.body().path("total").asLong()).isEqualTo(2);
            assertThat(texts(events.body().path("data"), "type")).containsExactly("t3", "t4");
            assertThat(texts(client.get(V4 + "/alarms?clusterId=" + cluster).body().path("data"), "type")).containsExactly("a4");
        }
    }
}
