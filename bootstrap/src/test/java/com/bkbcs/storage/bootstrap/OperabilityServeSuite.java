package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.OpenApiCoverage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the application tells about itself, on every backend (see {@link ServeSuite}): metrics of
 * requests, store operations and the JVM; the OpenAPI document against every route the
 * application really serves. What is about a store or a listener of its own (readiness during
 * outages, the metrics port, TLS and the token) is in {@link OperabilityServeTest}.
 */
abstract class OperabilityServeSuite extends ServeSuite {

    /** The {@code store} label of a port's store-operation metrics on this backend. */
    abstract String storeLabel(String port);

    @Test
    void metricsCoverRequestsPerRouteTemplateStoreOperationsAndTheJvm() throws Exception {
        // an application of its own, so that the counts start at zero
        try (RunningApp counted = RunningApp.start(config(dir.resolve("metrics")))) {
            Http client = new Http(counted.port());
            assertThat(client.put(V1 + "/k8s/dynamic/cluster_resources/clusters/" + cluster + "/Node/n1", "{\"data\":{}}")
                    .status()).isEqualTo(200);
            assertThat(client.put(V1 + "/k8s/watch/clusters/" + cluster + "/namespaces/ns/Service/web", "{\"data\":{}}")
                    .status()).isEqualTo(200);

            assertThat(client.text("/metrics"))
                    .contains("bkbcs_storage_api_request_total{handler=\"/bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/"
                            + "{clusterId}/{resourceType}/{resourceName}\",method=\"PUT\",status=\"200\"} 1.0")
                    .contains("bkbcs_storage_api_request_latency_seconds_bucket{")
                    .contains("bkbcs_storage_store_operation_total{operation=\"upsert\",outcome=\"success\",port=\"ResourceStore\","
                            + "store=\"" + storeLabel("ResourceStore") + "\"} 1.0")
                    .contains("bkbcs_storage_store_operation_total{operation=\"put\",outcome=\"success\",port=\"WatchStore\","
                            + "store=\"" + storeLabel("WatchStore") + "\"} 1.0")
                    .contains("bkbcs_storage_store_operation_latency_seconds_count{")
                    .contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "process_uptime_seconds", "jvm_gc_")
                    .doesNotContain(cluster);
        }
    }

    @Test
    void everyRouteTheApplicationServesIsInTheOpenApiDocument() throws Exception {
        Http.Reply document = http.get("/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        assertThat(app.http().registeredRoutes()).isNotEmpty();
        assertThat(OpenApiCoverage.problems(document.body(), app.http().registeredRoutes())).isEmpty();
    }
}
