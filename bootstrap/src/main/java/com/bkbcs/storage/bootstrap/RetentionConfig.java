package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.domain.journal.RetentionPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the service cuts its journals back: each journal's policy ({@code --event-max-days},
 * {@code --event-max-per-cluster}, {@code --alarm-max-days}, {@code --alarm-max-per-cluster}), when
 * the first run happens after start, how long the job waits between runs, and how long the change
 * log of dynamic data is kept for watches to resume from ({@code --watch-history}).
 */
public record RetentionConfig(RetentionPolicy events, RetentionPolicy alarms, Duration firstRun, Duration period,
                              Duration watchHistory) {
    /** Shortly after start, so a restart after a long stop cleans up soon, without slowing the start. */
    public static final Duration FIRST_RUN = Duration.ofSeconds(10);
    public static final Duration PERIOD = Duration.ofMinutes(1);
    public static final Duration WATCH_HISTORY = Duration.ofHours(1);

    public RetentionConfig {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(alarms, "alarms");
        if (firstRun.isNegative()) {
            throw new IllegalArgumentException("the first retention run cannot be in the past");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the retention period must be positive");
        }
        if (watchHistory.isNegative() || watchHistory.isZero()) {
            throw new IllegalArgumentException("the watch history must be positive");
        }
    }

    public RetentionConfig(RetentionPolicy events, RetentionPolicy alarms, Duration firstRun, Duration period) {
        this(events, alarms, firstRun, period, WATCH_HISTORY);
    }

    public RetentionConfig withWatchHistory(Duration history) {
        return new RetentionConfig(events, alarms, firstRun, period, history);
    }

    /** Every {@code value}; the first run comes after {@link #FIRST_RUN}, or {@code value} when that is sooner. */
    public RetentionConfig withPeriod(Duration value) {
        return new RetentionConfig(events, alarms, firstRun.compareTo(value) < 0 ? firstRun : value, value, watchHistory);
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
        return "events " + describe(events) + ", alarms " + describe(alarms) + ", changes of dynamic data "
                + watchHistory.toSeconds() + " s, every " + period.toSeconds() + " s";
    }

    private static String describe(RetentionPolicy policy) {
        return (policy.maxDays() == 0 ? "no age limit" : policy.maxDays() + " days") + " / "
                + (policy.maxPerCluster() == 0 ? "no cap" : policy.maxPerCluster() + " per cluster");
    }

}
