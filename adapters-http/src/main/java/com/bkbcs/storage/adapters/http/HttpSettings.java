package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.ops.BearerToken;
import com.bkbcs.storage.adapters.http.ops.TlsSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP server needs to know: the port to listen on ({@code 0} picks a free one), the
 * largest request body accepted (larger bodies get a 413), TLS (HTTPS, optionally requiring client
 * certificates), the bearer token every API route then requires, how long a stop waits for
 * requests in flight, the {@link QueryLimits} every request must stay within, and the read
 * timeout: how long a read may take before its answer starts (else a 503), the address to
 * listen on (every interface when absent), and the bounds on streamed responses (change streams).
 */
public record HttpSettings(int port, long maxBodyBytes, Optional<TlsSettings> tls, Optional<BearerToken> authToken,
                           Duration shutdownTimeout, QueryLimits limits, Duration readTimeout, Optional<String> host,
                           StreamSettings streams) {
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    /** Bodies are read into one array, so the limit must leave room for the overflow check. */
    public static final long LARGEST_MAX_BODY_BYTES = Integer.MAX_VALUE - 16L;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    public HttpSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535: " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > LARGEST_MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be within 1.." + LARGEST_MAX_BODY_BYTES + ": "
                    + maxBodyBytes);
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative: " + shutdownTimeout);
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive: " + readTimeout);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(streams, "streams");
    }

    /** Plain HTTP, no token, the default shutdown timeout. */
    public HttpSettings(int port, long maxBodyBytes) {
        this(port, maxBodyBytes, Optional.empty(), Optional.empty(), DEFAULT_SHUTDOWN_TIMEOUT, QueryLimits.DEFAULTS,
                DEFAULT_READ_TIMEOUT, Optional.empty(), StreamSettings.DEFAULTS);
    }

    public HttpSettings(int port) {
        this(port, DEFAULT_MAX_BODY_BYTES);
    }

    public HttpSettings withTls(TlsSettings tls) {
        return new HttpSettings(port, maxBodyBytes, Optional.of(tls), authToken, shutdownTimeout, limits, readTimeout, host, streams);
    }

    public HttpSettings withAuthToken(BearerToken token) {
        return new HttpSettings(port, maxBodyBytes, tls, Optional.of(token), shutdownTimeout, limits, readTimeout, host, streams);
    }

    public HttpSettings withShutdownTimeout(Duration timeout) {
        return new HttpSettings(port, maxBodyBytes, tls, authToken, timeout, limits, readTimeout, host, streams);
    }

    public HttpSettings withLimits(QueryLimits queryLimits) {
        return new HttpSettings(port, maxBodyBytes, tls, authToken, shutdownTimeout, queryLimits, readTimeout, host, streams);
    }

    /** Listens on {@code address} only (an IP or a host name), instead of every interface. */
    public HttpSettings withHost(String address) {
        return new HttpSettings(port, maxBodyBytes, tls, authToken, shutdownTimeout, limits, readTimeout, Optional.of(address), streams);
    }

    public HttpSettings withStreams(StreamSettings streamSettings) {
        return new HttpSettings(port, maxBodyBytes, tls, authToken, shutdownTimeout, limits, readTimeout, host, streamSettings);
    }

    public HttpSettings withReadTimeout(Duration timeout) {
        return new HttpSettings(port, maxBodyBytes, tls, authToken, shutdownTimeout, limits, timeout, host, streams);
    }
}
