package com.bkbcs.storage.adapters.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on streamed responses (change streams): at most {@code maxStreams} open at once (beyond
 * that a 429), a write that cannot hand its bytes to the client within {@code writeTimeout} ends
 * the stream and closes the connection (a client that stops reading is never buffered for), and an
 * idle stream says it is alive at least every {@code bookmarkInterval}.
 *
 * @param maxStreams       open streams at once ({@code --watch-max})
 * @param writeTimeout     how long one write (of one event, then flushed) may block
 * @param bookmarkInterval the longest silence of an idle stream; at most 10 s, as the contract promises
 */
public record StreamSettings(int maxStreams, Duration writeTimeout, Duration bookmarkInterval) {
    public static final int DEFAULT_MAX_STREAMS = 1000;
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BOOKMARK_INTERVAL = Duration.ofSeconds(5);
    /** The contract: a bookmark at least every 10 s while idle. */
    public static final Duration LONGEST_BOOKMARK_INTERVAL = Duration.ofSeconds(10);
    public static final StreamSettings DEFAULTS =
            new StreamSettings(DEFAULT_MAX_STREAMS, DEFAULT_WRITE_TIMEOUT, DEFAULT_BOOKMARK_INTERVAL);

    public StreamSettings {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("--watch-max must be at least 1: " + maxStreams);
        }
        requirePositive("writeTimeout", writeTimeout);
        requirePositive("bookmarkInterval", bookmarkInterval);
        if (bookmarkInterval.compareTo(LONGEST_BOOKMARK_INTERVAL) > 0) {
            throw new IllegalArgumentException("bookmarkInterval must be at most " + LONGEST_BOOKMARK_INTERVAL.toSeconds()
                    + " s: " + bookmarkInterval);
        }
    }

    public StreamSettings withMaxStreams(int max) {
        return new StreamSettings(max, writeTimeout, bookmarkInterval);
    }

    public StreamSettings withWriteTimeout(Duration timeout) {
        return new StreamSettings(maxStreams, timeout, bookmarkInterval);
    }

    public StreamSettings withBookmarkInterval(Duration interval) {
        return new StreamSettings(maxStreams, writeTimeout, interval);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
