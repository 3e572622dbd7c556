package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.HttpSettings;
import com.bkbcs.storage.adapters.http.QueryLimits;
import com.bkbcs.storage.adapters.http.StreamSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * What bounds the cost of one request, parsed and checked: the query limits ({@code --max-field-paths},
 * {@code --max-values}, {@code --max-filter-parameters}, {@code --max-extra-conditions},
 * {@code --max-query-bytes}), the read timeout ({@code --read-timeout}) and the most change streams
 * open at once ({@code --watch-max}).
 */
public record RequestConfig(QueryLimits limits, Duration readTimeout, int watchMax) {
    public static final Duration DEFAULT_READ_TIMEOUT = HttpSettings.DEFAULT_READ_TIMEOUT;

    public RequestConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero() || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--read-timeout must be within 1.." + Integer.MAX_VALUE + " ms");
        }
        if (watchMax < 1) {
            throw new IllegalArgumentException("--watch-max must be at least 1: " + watchMax);
        }
    }

    public static RequestConfig defaults() {
        return new RequestConfig(QueryLimits.DEFAULTS, DEFAULT_READ_TIMEOUT, StreamSettings.DEFAULT_MAX_STREAMS);
    }
}
