package com.bkbcs.storage.adapters.http.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a server needs beyond its API routes: where request metrics go, the Prometheus text that
 * {@code GET /metrics} serves (absent: no {@code /metrics} on this server, as when metrics have a
 * port of their own), and the checks behind {@code GET /readyz}.
 */
public record Management(MeterRegistry meters, Optional<Supplier<String>> prometheusScrape,
                         List<ReadinessCheck> readiness) {
    /** The content type of the Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public Management {
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(prometheusScrape, "prometheusScrape");
        readiness = List.copyOf(readiness);
    }

    /** No metrics kept, no {@code /metrics}, always ready: for tests of the API alone. */
    public static Management none() {
        return new Management(new CompositeMeterRegistry(), Optional.empty(), List.of());
    }

    /** The same metrics and checks, without serving {@code /metrics}. */
    public Management withoutScrape() {
        return new Management(meters, Optional.empty(), readiness);
    }
}
