package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;

import java.time.Duration;

/**
 * When a request's answer must have started. A read whose answer is not ready by then gets a 503
 * (the client may retry it) rather than an answer later than it was promised; {@link #NONE} never
 * passes (writes are not cut short once they have reached the store, so a retry cannot apply twice
 * what looked like a failure).
 */
record Deadline(long atNanos, Duration timeout) {
    static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO);

    static Deadline after(Duration timeout) {
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        return new Deadline(Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos, timeout);
    }

    boolean passed() {
        return atNanos != Long.MAX_VALUE && System.nanoTime() - atNanos > 0;
    }

    /** Fails with a 503 once the deadline has passed. */
    void check() {
        if (passed()) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "the answer was not ready within the read timeout of "
                    + timeout.toMillis() + " ms; retry later or narrow the query");
        }
    }
}
