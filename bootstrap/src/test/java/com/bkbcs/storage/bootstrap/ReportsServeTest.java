package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase.RetentionReport;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.RetentionPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Events, alarms, metrics and hosts through the whole application on embedded defaults, over HTTP. */
class ReportsServeTest {
    private static final String V1 = "/bcsstorage/v1";
    private static final String V4 = "/bcsapi/v4/storage";

    @TempDir
    Path dataDir;

    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    private static List<String> texts(JsonNode items, String field) {
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(field.isEmpty() ? item.asText() : item.path(field).asText()));
        return texts;
    }

    @Test
    void servesEveryAreaUnderBothPrefixesAndKeepsItAcrossRestarts() throws Exception {
        String event = """
                {"env": "k8s", "kind": "pod", "level": "%s", "component": "kubelet", "type": "%s", "clusterId": "%s",
                 "eventTime": %d, "extraInfo": {"name": "web", "namespace": "default", "kind": "application"}}""";
        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dataDir))) {
            Http http = new Http(app.port());
            assertThat(http.put(V1 + "/events", event.formatted("normal", "created", cluster, 1509423100)).status()).isEqualTo(200);
            assertThat(http.put(V4 + "/events", event.formatted("warning", "killing", cluster, 1509423130)).status()).isEqualTo(200);
            assertThat(http.put(V1 + "/events", event.formatted("warning", "zero", cluster, -62135596800L)).status()).isEqualTo(200);
            assertThat(http.send("POST", V4 + "/alarms", """
                    {"clusterId": "%s", "namespace": "test", "message": "disk full", "source": "127.0.0.4",
                     "module": "bcs-health", "type": "sms", "receivedTime": 1510774481}""".formatted(cluster)).status()).isEqualTo(200);
            String metric = "/metric/clusters/" + cluster + "/namespaces/ns/cpu/web";
            assertThat(http.put(V1 + metric, "{\"data\": {\"usage\": 0.5}}").status()).isEqualTo(200);
            assertThat(http.put(V4 + "/host/" + cluster + "-h1", "{\"clusterId\": \"" + cluster + "\", \"data\": {\"cpu\": 8}}")
                    .status()).isEqualTo(200);
            assertThat(http.send("POST", V1 + "/host/clusters/" + cluster, "{\"ips\": [\"" + cluster + "-h2\"]}").status())
                    .isEqualTo(200);
        }

        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dataDir))) {
            Http http = new Http(app.port());
            Http.Reply events = http.get(V4 + "/events?clusterId=" + cluster + "&level=warning&length=1");
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.body().path("total").asLong()).isEqualTo(2);
            assertThat(texts(events.body().path("data"), "type")).containsExactly("killing");
            assertThat(events.body().at("/data/0/eventTime").asText()).isEqualTo("2017-10-31T04:12:10.000Z");
            assertThat(texts(http.get(V1 + "/events?clusterId=" + cluster + "&timeEnd=0&offset=2").body().path("data"),
                    "eventTime")).containsExactly("0001-01-01T00:00:00.000Z");

            Http.Reply alarms = http.get(V1 + "/alarms?clusterId=" + cluster + "&timeBegin=1510774481");
            assertThat(alarms.body().path("total").asLong()).isEqualTo(1);
            assertThat(alarms.body().at("/data/0/receivedTime").asText()).isEqualTo("2017-11-15T19:34:41.000Z");

            Http.Reply metric = http.get(V4 + "/metric/clusters/" + cluster + "/namespaces/ns/cpu/web");
            assertThat(metric.body().at("/data/_id").asText()).isEqualTo(cluster + "/ns/cpu/web");
            assertThat(metric.body().at("/data/data/usage").asDouble()).isEqualTo(0.5);
            assertThat(texts(http.get(V1 + "/metric/clusters").body().path("data"), "")).contains(cluster);

            assertThat(texts(http.get(V4 + "/host/clusters/" + cluster).body().path("data"), "ip"))
                    .containsExactly(cluster + "-h1", cluster + "-h2");
            assertThat(http.put(V4 + "/host/clusters/" + cluster, "{\"ips\": [\"" + cluster + "-h2\"]}").status()).isEqualTo(200);
            assertThat(http.get(V1 + "/host/" + cluster + "-h1").body().at("/data/clusterId").asText()).isEmpty();
            assertThat(http.get(V1 + "/host/" + cluster + "-h1").body().at("/data/data/cpu").asInt()).isEqualTo(8);
        }
    }

    @Test
    void retentionCutsEachClusterBackOnTheEmbeddedStore() throws Exception {
        RetentionConfig retention = new RetentionConfig(new RetentionPolicy(15, 2), new RetentionPolicy(0, 1),
                Duration.ofHours(1), Duration.ofHours(1));
        try (RunningApp app = RunningApp.start(ServerConfig.embedded(dataDir), OperabilityConfig.defaults(), retention)) {
            Http http = new Http(app.port());
            for (int i = 0; i < 5; i++) {
                assertThat(http.put(V1 + "/events", "{\"clusterId\": \"" + cluster + "\", \"type\": \"t" + i
                        + "\", \"eventTime\": " + (100 - i) + "}").status()).isEqualTo(200);
                assertThat(http.send("POST", V1 + "/alarms", "{\"clusterId\": \"" + cluster + "\", \"type\": \"a" + i + "\"}")
                        .status()).isEqualTo(200);
            }

            RetentionReport report = app.retention().enforce();

            assertThat(report.removedByCap()).containsEntry(JournalKind.EVENTS, 3L).containsEntry(JournalKind.ALARMS, 4L);
            assertThat(report.removedByAge()).containsEntry(JournalKind.EVENTS, 0L).doesNotContainKey(JournalKind.ALARMS);
            Http.Reply events = http.get(V4 + "/events?clusterId=" + cluster);
            assertThat(events.body().path("total").asLong()).isEqualTo(2);
            assertThat(texts(events.body().path("data"), "type")).containsExactly("t3", "t4");
            assertThat(texts(http.get(V4 + "/alarms?clusterId=" + cluster).body().path("data"), "type")).containsExactly("a4");
        }
    }
}
