package com.bkbcs.storage.adapters.http.ops;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS: the server's certificate chain and private key as PEM files, and optionally the PEM bundle
 * of certificate authorities whose client certificates are accepted; with it, every connection must
 * present such a certificate (mutual TLS).
 *
 * <p>The key may be PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY})
 * or SEC1 EC ({@code BEGIN EC PRIVATE KEY}); encrypted keys are not supported.
 */
public record TlsSettings(Path certificateChain, Path privateKey, Optional<Path> clientCa) {
    public TlsSettings {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(clientCa, "clientCa");
    }
}
