package com.bkbcs.storage.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code serve} is exposed and stopped, parsed and checked: a separate metrics port, TLS
 * files (certificate and key together; a client CA only with them), the bearer-token file, and
 * how long a stop waits for requests in flight, and the address the API listens on ({@code --host};
 * every interface when absent).
 */
public record OperabilityConfig(Optional<Integer> metricsPort, Optional<Path> tlsCert, Optional<Path> tlsKey,
                                Optional<Path> tlsClientCa, Optional<Path> authTokenFile, Duration shutdownTimeout,
                                Optional<String> host) {
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public OperabilityConfig {
        Objects.requireNonNull(metricsPort, "metricsPort");
        Objects.requireNonNull(tlsCert, "tlsCert");
        Objects.requireNonNull(tlsKey, "tlsKey");
        Objects.requireNonNull(tlsClientCa, "tlsClientCa");
        Objects.requireNonNull(authTokenFile, "authTokenFile");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(host, "host");
        metricsPort.ifPresent(port -> {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--metrics-port must be within 0..65535");
            }
        });
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (tlsClientCa.isPresent() && tlsCert.isEmpty()) {
            throw new IllegalArgumentException("--tls-client-ca needs --tls-cert and --tls-key");
        }
        if (shutdownTimeout.isNegative() || shutdownTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--shutdown-timeout must be within 0.." + Integer.MAX_VALUE + " ms");
        }
    }

    /** Metrics on the API port, plain HTTP, no token, 30 s to finish requests on stop. */
    public static OperabilityConfig defaults() {
        return new OperabilityConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_SHUTDOWN_TIMEOUT, Optional.empty());
    }

    public OperabilityConfig withMetricsPort(int port) {
        return new OperabilityConfig(Optional.of(port), tlsCert, tlsKey, tlsClientCa, authTokenFile, shutdownTimeout, host);
    }

    public OperabilityConfig withTls(Path cert, Path key, Optional<Path> clientCa) {
        return new OperabilityConfig(metricsPort, Optional.of(cert), Optional.of(key), clientCa, authTokenFile, shutdownTimeout, host);
    }

    public OperabilityConfig withHost(String address) {
        return new OperabilityConfig(metricsPort, tlsCert, tlsKey, tlsClientCa, authTokenFile, shutdownTimeout,
                Optional.of(address));
    }

    public OperabilityConfig withAuthTokenFile(Path file) {
        return new OperabilityConfig(metricsPort, tlsCert, tlsKey, tlsClientCa, Optional.of(file), shutdownTimeout, host);
    }
}
