package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dynamic data through the whole application, over HTTP, on every backend (see {@link ServeSuite}). */
abstract class DynamicDataServeSuite extends ServeSuite {

    String resource() {
        return "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/default/Pod/web-1";
    }

    /** Puts a pod under one prefix and reads it back under the other. */
    void putAndGetUnderBothPrefixes(Http client) throws InterruptedException {
        String data = "{\"data\":{\"metadata\":{\"name\":\"web-1\",\"labels\":{\"app.kubernetes.io/name\":\"web\"}}}}";
        assertThat(client.get("/healthz").status()).isEqualTo(200);
        Http.Reply put = client.put(V1 + resource(), data);
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("result").asBoolean()).isTrue();

        Http.Reply got = client.get(V4 + resource());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().at("/data/data/metadata/labels/app.kubernetes.io~1name").asText()).isEqualTo("web");
        assertThat(got.body().at("/data/_id").asText()).isEqualTo(cluster + "/default/Pod/web-1");
    }

    /** Lists the pod {@link #putAndGetUnderBothPrefixes} put, deletes it, and finds it gone. */
    void listAndDelete(Http client) throws InterruptedException {
        Http.Reply list = client.get(V1 + "/k8s/dynamic/all_resources/clusters/" + cluster + "/Pod");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("data")).hasSize(1);
        assertThat(list.body().at("/data/0/resourceName").asText()).isEqualTo("web-1");

        assertThat(client.delete(V1 + resource()).status()).isEqualTo(200);
        Http.Reply gone = client.get(V1 + resource());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().get("code").asInt()).isEqualTo(10004);
    }

    @Test
    void servesDynamicDataUnderBothPrefixes() throws Exception {
        putAndGetUnderBothPrefixes(http);
        listAndDelete(http);
    }

    /**
     * The change stream on the real wiring: a watch from a list's revision gets the write made
     * after the list, as NDJSON, and ends at its timeoutSeconds.
     */
    @Test
    void aWatchFromAListsRevisionStreamsTheWritesAfterIt() throws Exception {
        String list = V1 + "/k8s/dynamic/all_resources/clusters/" + cluster + "/Pod";
        Http.Reply listed = http.get(list);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get("revision").isIntegralNumber()).as(listed.body().toString()).isTrue();
        long revision = listed.body().get("revision").asLong();
        assertThat(http.put(V4 + resource(), "{\"data\": {\"status\": {\"phase\": \"Running\"}}}").status()).isEqualTo(200);

        HttpRequest watch = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + V4
                + "/k8s/dynamic/watch/clusters/" + cluster + "/Pod?since=" + revision + "&timeoutSeconds=2")).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(watch, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        long started = System.nanoTime();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            ObjectMapper json = new ObjectMapper();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        List<JsonNode> events = lines.stream().filter(line -> !line.get("type").asText().equals("BOOKMARK")).toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("ADDED");
        assertThat(events.get(0).get("revision").asLong()).isGreaterThan(revision);
        assertThat(events.get(0).at("/object/_id").asText()).isEqualTo(cluster + "/default/Pod/web-1");
        assertThat(events.get(0).at("/object/data/status/phase").asText()).isEqualTo("Running");
    }
}
