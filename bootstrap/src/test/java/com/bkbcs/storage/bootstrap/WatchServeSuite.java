package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Watch data through the whole application, over HTTP, on every backend (see {@link ServeSuite}). */
abstract class WatchServeSuite extends ServeSuite {

    String resource() {
        return "/k8s/watch/clusters/" + cluster + "/namespaces/default/Service/web";
    }

    /** Puts a service's watch data, with a key outside ASCII. */
    void putWatchData(Http client) throws InterruptedException {
        Http.Reply put = client.put(V1 + resource(), "{\"data\":{\"spec\":{\"clusterIP\":\"10.0.0.1\"},\"名字\":\"值\"}}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("result").asBoolean()).isTrue();
    }

    /** Reads what {@link #putWatchData} put under the other prefix, alone and in its namespace's list. */
    void readWatchDataBack(Http client) throws InterruptedException {
        Http.Reply got = client.get(V4 + resource());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().at("/data/spec/clusterIP").asText()).isEqualTo("10.0.0.1");
        assertThat(got.body().at("/data/名字").asText()).isEqualTo("值");
        Http.Reply list = client.get(V1 + "/k8s/watch/clusters/" + cluster + "/namespaces/default/Service");
        assertThat(list.body().get("data")).hasSize(1);
    }

    @Test
    void servesWatchDataUnderBothPrefixes() throws Exception {
        putWatchData(http);
        readWatchDataBack(http);
    }
}
