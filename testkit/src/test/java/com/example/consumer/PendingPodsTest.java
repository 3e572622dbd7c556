package com.example.consumer;

import com.bkbcs.storage.testkit.BcsStorageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Written as another team writes it: their code under test ({@link PendingPods}) talks HTTP to
 * bcs-storage at a base URL; the test knows nothing of this project but the extension.
 */
class PendingPodsTest {
    @RegisterExtension
    static final BcsStorageExtension storage = BcsStorageExtension.memory().seedResource("/storage-fixtures.txt");

    @Test
    void findsThePendingPodsOfAnApp() throws Exception {
        PendingPods pending = new PendingPods(storage.v1());
        assertThat(pending.of("BCS-K8S-1", "cart")).containsExactly("cart-2");
        assertThat(pending.of("BCS-K8S-1", "pay")).isEmpty();
    }

    @Test
    void seesWhatTheTestWroteAndStartsFromTheFixturesAgainInTheNextTest() throws Exception {
        PendingPods pending = new PendingPods(storage.v1());
        pending.report("BCS-K8S-1", "shop", "pay-2", "pay", "Pending");
        assertThat(pending.of("BCS-K8S-1", "pay")).containsExactly("pay-2");
    }

    @Test
    void everyTestStartsFromTheFixtures() throws Exception {
        assertThat(new PendingPods(storage.v1()).of("BCS-K8S-1", "pay")).isEmpty();
    }

    /** The consumer's own code: a tiny client of bcs-storage's HTTP API. */
    static final class PendingPods {
        private static final Pattern NAME = Pattern.compile("\"resourceName\"\\s*:\\s*\"([^\"]+)\"");
        private final HttpClient client = HttpClient.newHttpClient();
        private final String api;

        PendingPods(String api) {
            this.api = api;
        }

        List<String> of(String cluster, String app) throws IOException, InterruptedException {
            String url = api + "/query/k8s/dynamic/clusters/" + cluster + "/pod?status=Pending&field=resourceName"
                    + "&labelSelector=app%3D" + app;
            String body = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            List<String> names = new ArrayList<>();
            Matcher matcher = NAME.matcher(body);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        void report(String cluster, String namespace, String name, String app, String phase)
                throws IOException, InterruptedException {
            String url = api + "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/" + namespace + "/Pod/"
                    + name;
            String body = "{\"data\": {\"metadata\": {\"name\": \"" + name + "\", \"labels\": {\"app\": \"" + app
                    + "\"}}, \"status\": {\"phase\": \"" + phase + "\"}}}";
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("bcs-storage answered " + response.statusCode() + ": " + response.body());
            }
        }
    }
}
