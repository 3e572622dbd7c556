package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;

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
}
