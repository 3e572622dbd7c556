package com.bkbcs.storage.domain.journal;

import java.time.Instant;

/**
 * Reported times given as unix seconds (Go {@code int64}). Every int64 is accepted, Go's zero time
 * ({@code -62135596800}, 0001-01-01) included. Stored times keep milliseconds in 64 bits, so seconds
 * beyond about ±292 million years are clamped to that range; no agent reports such times.
 */
public final class UnixTime {
    /** The largest second whose milliseconds fit in a {@code long}. */
    public static final long MAX_SECONDS = Long.MAX_VALUE / 1000;
    public static final long MIN_SECONDS = Long.MIN_VALUE / 1000;

    private UnixTime() {
    }

    public static Instant ofSeconds(long seconds) {
        return Instant.ofEpochSecond(Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds)));
    }
}
