package com.bkbcs.storage.adapters.http.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * Change streams, beside the request metrics and under the same prefix; in Prometheus:
 * <ul>
 *   <li>{@code bkbcs_storage_api_watch_streams}: streams open now (gauge);
 *   <li>{@code bkbcs_storage_api_watch_changes_total}: changes delivered to watchers (every stream's
 *       events, compatibility routes included);
 *   <li>{@code bkbcs_storage_api_watch_slow_reader_disconnects_total}: streams ended because the
 *       client did not take an event within the write timeout;
 *   <li>{@code bkbcs_storage_api_watch_lag_seconds}: now minus the time of the last change
 *       delivered (by any stream), so it also grows while nothing changes; {@code NaN} before the first.
 * </ul>
 */
public final class StreamMetrics {
    public static final String STREAMS = "bkbcs.storage.api.watch.streams";
    public static final String CHANGES = "bkbcs.storage.api.watch.changes";
    public static final String SLOW_READERS = "bkbcs.storage.api.watch.slow.reader.disconnects";
    public static final String LAG = "bkbcs.storage.api.watch.lag";

    private final AtomicReference<Instant> lastChange = new AtomicReference<>();
    private final Counter changes;
    private final Counter slowReaders;
    private final Clock clock;

    /** Metrics of the streams whose number open now {@code open} tells. */
    public StreamMetrics(MeterRegistry meters, Clock clock, IntSupplier open) {
        this.clock = clock;
        // suppliers, which the registry holds strongly (a state object it would hold weakly)
        Gauge.builder(STREAMS, open::getAsInt).description("Change streams open").register(meters);
        changes = Counter.builder(CHANGES).description("Changes delivered on change streams").register(meters);
        slowReaders = Counter.builder(SLOW_READERS)
                .description("Change streams closed because the client stopped reading").register(meters);
        Gauge.builder(LAG, this::lagSeconds).baseUnit("seconds")
                .description("Now minus the time of the last change delivered on a change stream").register(meters);
    }

    public void delivered(Instant changedAt) {
        changes.increment();
        lastChange.accumulateAndGet(changedAt, (old, given) -> old == null || given.isAfter(old) ? given : old);
    }

    public void slowReaderDisconnected() {
        slowReaders.increment();
    }

    private double lagSeconds() {
        Instant last = lastChange.get();
        return last == null ? Double.NaN : Duration.between(last, clock.instant()).toNanos() / 1e9;
    }
}
