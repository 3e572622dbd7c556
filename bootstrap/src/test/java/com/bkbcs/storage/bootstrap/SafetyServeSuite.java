package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's safety findings, end to end on every backend (see {@link ServeSuite}): a GET with a
 * method override reads, a misspelt batch-delete filter deletes nothing, and a query past the
 * limits is refused before it reaches the store.
 */
abstract class SafetyServeSuite extends ServeSuite {

    private String namespace() {
        return V1 + "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/ns/Pod";
    }

    private void seed(String... names) throws InterruptedException {
        for (String name : names) {
            assertThat(http.put(namespace() + "/" + name, "{\"data\": {\"metadata\": {\"labels\": {\"app\": \"" + name + "\"}}}}")
                    .status()).isEqualTo(200);
        }
    }

    private int stored() throws InterruptedException {
        Http.Reply list = http.get(V1 + "/k8s/dynamic/all_resources/clusters/" + cluster + "/Pod");
        assertThat(list.status()).isEqualTo(200);
        return list.body().get("data").size();
    }

    @Test
    void aGetWithAMethodOverrideDeletesNothing() throws InterruptedException {
        seed("a", "b", "c");
        for (String header : new String[]{"X-HTTP-Method-Override", "X-Method-Override"}) {
            assertThat(http.send("GET", namespace() + "/a", null, Map.of(header, "DELETE")).status()).isEqualTo(200);
            assertThat(http.send("GET", namespace(), null, Map.of(header, "DELETE")).status()).isEqualTo(200);
        }
        assertThat(http.get(namespace() + "?_method=DELETE").status()).isEqualTo(400);
        assertThat(stored()).isEqualTo(3);
    }

    @Test
    void aMisspeltBatchDeleteFilterDeletesNothing() throws InterruptedException {
        seed("a", "b", "c");
        for (String query : new String[]{"?lableSelector=app%3Da", "?name=a", "?limit=1", "?field=x"}) {
            Http.Reply reply = http.delete(namespace() + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.body().path("message").asText()).as(query).startsWith("Delete resource failed: unknown parameter");
        }
        for (String body : new String[]{"{\"updateTimeend\": 1}", "{\"extra\": \"eyJhIjoxfQ==\"}"}) {
            assertThat(http.send("DELETE", namespace(), body).status()).as(body).isEqualTo(400);
        }
        assertThat(stored()).isEqualTo(3);
        // spelt right, it deletes exactly what it names
        assertThat(http.delete(namespace() + "?labelSelector=app%3Da").status()).isEqualTo(200);
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void queriesPastTheLimitsAreRefusedBeforeTheStore() throws InterruptedException {
        seed("a");
        StringJoiner paths = new StringJoiner(",");
        for (int i = 0; i < 40_000; i++) {
            paths.add("data.p" + i);
        }
        Http.Reply fields = http.send("POST", V1 + "/query/k8s/dynamic/clusters/" + cluster + "/pod",
                "{\"field\": \"" + paths + "\"}");
        assertThat(fields.status()).isEqualTo(400);
        assertThat(fields.body().path("message").asText()).contains("--max-query-bytes");
        StringJoiner names = new StringJoiner(",");
        for (int i = 0; i < 1_001; i++) {
            names.add("n" + i);
        }
        Http.Reply many = http.get(namespace() + "?resourceName=" + names);
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.body().path("message").asText()).contains("--max-values");
        assertThat(stored()).isEqualTo(1);
    }
}
