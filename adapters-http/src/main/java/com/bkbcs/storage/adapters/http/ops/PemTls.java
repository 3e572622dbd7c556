package com.bkbcs.storage.adapters.http.ops;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;

/**
 * Jetty's TLS setup from PEM files, as operators keep them: the JDK reads the certificates,
 * BouncyCastle's PEM parser the private key (PKCS#8, PKCS#1 RSA or SEC1 EC), and both go into
 * in-memory key stores with a random password. Unreadable or mismatched files fail the start with a
 * message naming the file.
 */
public final class PemTls {
    private PemTls() {
    }

    public static SslContextFactory.Server contextFactory(TlsSettings tls) {
        char[] password = randomPassword();
        SslContextFactory.Server factory = new SslContextFactory.Server();
        try {
            List<Certificate> chain = certificates(tls.certificateChain());
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("server", privateKey(tls.privateKey()), password, chain.toArray(Certificate[]::new));
            factory.setKeyStore(identity);
            factory.setKeyStorePassword(new String(password));
            factory.setKeyManagerPassword(new String(password));
            if (tls.clientCa().isPresent()) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int n = 0;
                for (Certificate ca : certificates(tls.clientCa().get())) {
                    trusted.setCertificateEntry("client-ca-" + n++, ca);
                }
                factory.setTrustStore(trusted);
                factory.setNeedClientAuth(true);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS from " + tls.certificateChain() + " and "
                    + tls.privateKey() + ": " + e.getMessage(), e);
        }
        return factory;
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certificates = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no PEM certificate in " + file);
            }
            return certificates;
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        }
        throw new IllegalArgumentException("no unencrypted PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC) in " + file);
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }
}
