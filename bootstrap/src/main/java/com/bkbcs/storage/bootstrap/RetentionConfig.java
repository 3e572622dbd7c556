package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.domain.journal.RetentionPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the service cuts its journals back: each journal's policy ({@code --event-max-days},
 * {@code --event-max-per-cluster}, {@code --alarm-max-days}, {@code --alarm-max-per-cluster}), when
 * the first run happens after start, and how long the job waits between runs.
 */
public record RetentionConfig(RetentionPolicy events, RetentionPolicy alarms, Duration firstRun, Duration period) {
    /** Shortly after start, so a restart after a long stop cleans up soon, without slowing the start. */
    public static final Duration FIRST_RUN = Duration.ofSeconds(10);
    public static final Duration PERIOD = Duration.ofMinutes(1);

    public RetentionConfig {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(alarms, "alarms");
        if (firstRun.isNegative()) {
            throw new IllegalArgumentException("the first retention run cannot be in the past");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the retention period must be positive");
        }
    }

    /** 15 days and 10,000 entries per cluster for both journals, every minute. */
    public static RetentionConfig defaults() {
        return of(RetentionPolicy.DEFAULT, RetentionPolicy.DEFAULT);
    }

    public static RetentionConfig of(RetentionPolicy events, RetentionPolicy alarms) {
        return new RetentionConfig(events, alarms, FIRST_RUN, PERIOD);
    }

    /** {@code events 15 days / 10000 per cluster, alarms ...}, {@code off} for a disabled rule. */
    String describe() {
        return "events " + describe(events) + ", alarms " + describe(alarms) + ", every " + period.toSeconds() + " s";
    }

    private static String describe(RetentionPolicy policy) {
        return (policy.maxDays() == 0 ? "no age limit" : policy.maxDays() + " days") + " / "
                + (policy.maxPerCluster() == 0 ? "no cap" : policy.maxPerCluster() + " per cluster");
    }

    boolean keepsEverything() {
        return events.equals(RetentionPolicy.KEEP_EVERYTHING) && alarms.equals(RetentionPolicy.KEEP_EVERYTHING);
    }
}
