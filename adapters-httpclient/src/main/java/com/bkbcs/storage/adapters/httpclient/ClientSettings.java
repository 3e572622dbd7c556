package com.bkbcs.storage.adapters.httpclient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server is and how to talk to it: {@code server} is {@code http://host:port} or
 * {@code https://host:port} (a path, if any, is put before the API prefix, for a proxy);
 * {@code tokenFile} holds the bearer token; {@code caCertificate} is a PEM bundle to trust instead
 * of the JDK's CAs; {@code certificate} and {@code key} (PEM) are presented for mutual TLS.
 */
public record ClientSettings(URI server, Optional<Path> tokenFile, Optional<Path> caCertificate,
                             Optional<Path> certificate, Optional<Path> key, Duration requestTimeout) {
    public ClientSettings {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || server.getHost() == null) {
            throw new IllegalArgumentException("--server must be an http:// or https:// URL with a host, was '" + server + "'");
        }
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("--cert and --key go together (mutual TLS needs both)");
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("--request-timeout must be positive");
        }
    }

    /** Plain HTTP to {@code server}, no token, 30 s per request. */
    public static ClientSettings of(URI server) {
        return new ClientSettings(server, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30));
    }
}
