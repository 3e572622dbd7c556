package com.bkbcs.storage.adapters.http.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Request count and latency, named as the original service named them: in Prometheus
 * {@code bkbcs_storage_api_request_total} and {@code bkbcs_storage_api_request_latency_seconds}
 * (a histogram with Prometheus' default buckets), labelled {@code handler} (the route template as
 * registered, e.g. {@code /bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/{clusterId}/{resourceType}},
 * or {@code unmatched} for requests no route answered: 404, 405, and 401 from the token check, which
 * runs before routing), {@code method} and {@code status}. Route templates rather than paths keep
 * the number of series bounded whatever callers send.
 */
public final class RequestMetrics {
    public static final String REQUESTS = "bkbcs.storage.api.request";
    public static final String LATENCY = "bkbcs.storage.api.request.latency";
    public static final String UNMATCHED = "unmatched";
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry meters;

    public RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(String handler, String method, int status, long nanos) {
        Tags tags = Tags.of("handler", handler, "method", method, "status", Integer.toString(status));
        Counter.builder(REQUESTS).description("HTTP API requests answered").tags(tags).register(meters).increment();
        Timer.builder(LATENCY).description("Time to answer an HTTP API request").tags(tags)
                .serviceLevelObjectives(BUCKETS).register(meters).record(nanos, TimeUnit.NANOSECONDS);
    }
}
