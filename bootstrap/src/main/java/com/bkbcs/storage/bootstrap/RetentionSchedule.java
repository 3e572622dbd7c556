package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase;
import com.bkbcs.storage.application.port.out.Leadership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs retention on one daemon thread: first after {@code firstRun}, then {@code period} after each
 * run ends, so runs never overlap; and only while this instance {@linkplain Leadership#leads() leads},
 * so a deployment of several instances runs it once per period. A failed run (the store away, say)
 * is logged and the next one retries; runs are idempotent. Closing stops the thread, interrupting a
 * run in progress.
 *
 * <p>Metrics: {@code bkbcs_storage_retention_runs_total{outcome="done|failed"}} counts this
 * instance's runs, {@code bkbcs_storage_retention_leader} is 1 while it leads.
 */
final class RetentionSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    static final String RUNS = "bkbcs.storage.retention.runs";
    static final String LEADER = "bkbcs.storage.retention.leader";

    private final ScheduledExecutorService executor;

    private RetentionSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static RetentionSchedule start(EnforceRetentionUseCase retention, Duration firstRun, Duration period,
                                   Leadership leadership, MeterRegistry meters) {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(leadership, "leadership");
        Counter done = Counter.builder(RUNS).description("Retention runs of this instance").tag("outcome", "done")
                .register(meters);
        Counter failed = Counter.builder(RUNS).description("Retention runs of this instance").tag("outcome", "failed")
                .register(meters);
        Gauge.builder(LEADER, leadership, l -> l.leads() ? 1 : 0)
                .description("1 while this instance leads the once-per-deployment jobs (retention)").register(meters);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            if (leadership.leads()) {
                (runOnce(retention) ? done : failed).increment();
            }
        }, firstRun.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new RetentionSchedule(executor);
    }

    private static boolean runOnce(EnforceRetentionUseCase retention) {
        try {
            retention.enforce();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("retention run failed, the next run retries: {}", e.getMessage());
            return false;
        }
    }

    /** Whether the schedule's thread has ended (after {@link #close()}). */
    boolean isStopped() {
        return executor.isTerminated();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the retention run did not stop within {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
