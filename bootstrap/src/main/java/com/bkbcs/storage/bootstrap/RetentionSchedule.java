package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs retention on one daemon thread: first after {@code firstRun}, then {@code period} after each
 * run ends, so runs never overlap. A failed run (the store away, say) is logged and the next one
 * retries; runs are idempotent. Closing stops the thread, interrupting a run in progress.
 */
final class RetentionSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService executor;

    private RetentionSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static RetentionSchedule start(EnforceRetentionUseCase retention, Duration firstRun, Duration period) {
        Objects.requireNonNull(retention, "retention");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> runOnce(retention), firstRun.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return new RetentionSchedule(executor);
    }

    private static void runOnce(EnforceRetentionUseCase retention) {
        try {
            retention.enforce();
        } catch (RuntimeException e) {
            LOG.warn("retention run failed, the next run retries: {}", e.getMessage());
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
