package com.bkbcs.storage.adapters.httpclient;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSL context of {@code --cacert}, {@code --cert} and {@code --key}, from PEM files and the JDK
 * alone. Keys: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC) and PKCS#1 RSA ({@code BEGIN RSA PRIVATE
 * KEY}), unencrypted, like the server's {@code --tls-key} except SEC1 EC keys (convert one with
 * {@code openssl pkcs8 -topk8 -nocrypt}).
 */
final class Tls {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
            0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Tls() {
    }

    /** The context for the settings, or the JDK's default one when they name no file. */
    static Optional<SSLContext> context(ClientSettings settings) {
        if (settings.caCertificate().isEmpty() && settings.certificate().isEmpty()) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory trust = null;
            if (settings.caCertificate().isPresent()) {
                KeyStore store = emptyStore();
                int i = 0;
                for (Certificate certificate : certificates(settings.caCertificate().get(), "--cacert")) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (settings.certificate().isPresent()) {
                KeyStore store = emptyStore();
                Collection<? extends Certificate> chain = certificates(settings.certificate().get(), "--cert");
                store.setKeyEntry("client", privateKey(settings.key().orElseThrow()), NO_PASSWORD, chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("--cacert/--cert/--key: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static Collection<? extends Certificate> certificates(Path file, String option) throws GeneralSecurityException {
        byte[] pem = read(file, option);
        Collection<? extends Certificate> found = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem));
        if (found.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + " holds no PEM certificate");
        }
        return found;
    }

    private static PrivateKey privateKey(Path file) throws GeneralSecurityException {
        Matcher pem = PEM.matcher(new String(read(file, "--key"), StandardCharsets.US_ASCII));
        while (pem.find()) {
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2).trim());
            switch (pem.group(1)) {
                case "PRIVATE KEY" -> {
                    return pkcs8(der);
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(rsaPkcs1ToPkcs8(der));
                }
                case "EC PRIVATE KEY" -> throw new IllegalArgumentException("--key " + file
                        + " is a SEC1 EC key; convert it with 'openssl pkcs8 -topk8 -nocrypt -in " + file + "'");
                default -> {
                    // another block (EC PARAMETERS, a certificate): look further
                }
            }
        }
        throw new IllegalArgumentException("--key " + file + " holds no unencrypted PEM private key");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[]{0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30);
        info.writeBytes(length(body.size()));
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    private static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[]{(byte) length};
        }
        if (length < 0x100) {
            return new byte[]{(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[]{(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[]{(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    private static byte[] read(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
