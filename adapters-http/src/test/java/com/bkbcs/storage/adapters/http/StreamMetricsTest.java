package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.ops.StreamMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The change-stream metrics under the names operations.md gives them. */
class StreamMetricsTest {

    @Test
    void theMetricsCarryTheirPrometheusNamesAndValues() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicInteger open = new AtomicInteger(3);
        Instant now = Instant.parse("2026-01-01T00:01:00Z");
        StreamMetrics metrics = new StreamMetrics(registry, new TestClock(now), open::get);
        assertThat(registry.scrape()).contains("bkbcs_storage_api_watch_lag_seconds NaN");

        metrics.delivered(Instant.parse("2026-01-01T00:00:00Z"));
        metrics.delivered(Instant.parse("2026-01-01T00:00:30Z"));
        metrics.delivered(Instant.parse("2026-01-01T00:00:10Z"));
        metrics.slowReaderDisconnected();

        assertThat(registry.scrape()).contains("bkbcs_storage_api_watch_streams 3.0",
                "bkbcs_storage_api_watch_changes_total 3.0",
                "bkbcs_storage_api_watch_slow_reader_disconnects_total 1.0",
                "bkbcs_storage_api_watch_lag_seconds 30.0");
    }
}
