package com.bkbcs.storage.domain.journal;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How long a journal keeps its entries: those stored more than {@code maxDays} days ago go, and each
 * cluster keeps at most its {@code maxPerCluster} most recently stored entries. {@code 0} disables a
 * rule. Age counts from when the service stored an entry, never from the reported time, which agents
 * may set to anything.
 */
public record RetentionPolicy(int maxDays, int maxPerCluster) {
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(15, 10_000);
    public static final RetentionPolicy KEEP_EVERYTHING = new RetentionPolicy(0, 0);

    public RetentionPolicy {
        if (maxDays < 0) {
            throw new IllegalArgumentException("max days must not be negative: " + maxDays);
        }
        if (maxPerCluster < 0) {
            throw new IllegalArgumentException("max entries per cluster must not be negative: " + maxPerCluster);
        }
    }

    public Optional<Duration> maxAge() {
        return maxDays == 0 ? Optional.empty() : Optional.of(Duration.ofDays(maxDays));
    }

    public OptionalInt perClusterLimit() {
        return maxPerCluster == 0 ? OptionalInt.empty() : OptionalInt.of(maxPerCluster);
    }
}
