package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.ClientSettings;
import com.bkbcs.storage.adapters.httpclient.StorageClient;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the server is and how to reach it: the options every client command takes. */
public final class ConnectionOptions {
    @Option(names = "--server", paramLabel = "<url>", defaultValue = "${env:BCS_STORAGE_SERVER:-http://127.0.0.1:8080}",
            description = "The server, http(s)://host:port (env BCS_STORAGE_SERVER; default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token-file", paramLabel = "<file>", defaultValue = "${env:BCS_STORAGE_TOKEN_FILE}",
            description = "File holding the bearer token (the server's --auth-token-file; env BCS_STORAGE_TOKEN_FILE).")
    Path tokenFile;

    @Option(names = "--cacert", paramLabel = "<pem>", description = "PEM CA bundle to trust for https (instead of the JDK's CAs).")
    Path caCertificate;

    @Option(names = "--cert", paramLabel = "<pem>", description = "PEM client certificate for mutual TLS (with --key).")
    Path certificate;

    @Option(names = "--key", paramLabel = "<pem>", description = "PEM private key of --cert (PKCS#8, or PKCS#1 RSA; unencrypted).")
    Path key;

    @Option(names = "--request-timeout", paramLabel = "<seconds>", defaultValue = "30",
            description = "Seconds to wait for a connection and for each answer (default: ${DEFAULT-VALUE}).")
    long requestTimeoutSeconds;

    /** A client for these options; a bad URL or an unreadable file is a usage mistake. */
    StorageClient client() {
        URI uri;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--server is not a URL: " + server, e);
        }
        return new StorageClient(new ClientSettings(uri, Optional.ofNullable(tokenFile), Optional.ofNullable(caCertificate),
                Optional.ofNullable(certificate), Optional.ofNullable(key), Duration.ofSeconds(Math.max(1, requestTimeoutSeconds))));
    }
}
