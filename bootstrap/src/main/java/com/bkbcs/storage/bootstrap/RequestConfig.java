package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.HttpSettings;
import com.bkbcs.storage.adapters.http.QueryLimits;

import java.time.Duration;
import java.util.Objects;

/**
 * What bounds the cost of one request, parsed and checked: the query limits ({@code --max-field-paths},
 * {@code --max-values}, {@code --max-filter-parameters}, {@code --max-extra-conditions},
 * {@code --max-query-bytes}) and the read timeout ({@code --read-timeout}).
 */
public record RequestConfig(QueryLimits limits, Duration readTimeout) {
    public static final Duration DEFAULT_READ_TIMEOUT = HttpSettings.DEFAULT_READ_TIMEOUT;

    public RequestConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero() || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--read-timeout must be within 1.." + Integer.MAX_VALUE + " ms");
        }
    }

    public static RequestConfig defaults() {
        return new RequestConfig(QueryLimits.DEFAULTS, DEFAULT_READ_TIMEOUT);
    }
}
