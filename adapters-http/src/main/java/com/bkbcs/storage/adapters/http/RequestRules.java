package com.bkbcs.storage.adapters.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What every exchange of one server shares: the JSON codec, the largest body, the query limits,
 * the read timeout (the deadline of a read's answer) and the server's streamed responses.
 */
record RequestRules(JsonCodec json, long maxBodyBytes, QueryLimits limits, Duration readTimeout, Streams streams) {
    RequestRules {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** The deadline of a read starting now. */
    Deadline readDeadline() {
        return Deadline.after(readTimeout);
    }
}
