package com.bkbcs.storage.adapters.http;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made at test time with BouncyCastle: a CA, and leaf certificates it signs (a server
 * one valid for 127.0.0.1 and localhost, client ones), written as PEM files the way operators hold them.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public record Issued(X509Certificate certificate, KeyPair keys) {
        /** Writes {@code name.crt} (the certificate) and {@code name.key} (PKCS#8, or PKCS#1 for RSA when asked). */
        public PemFiles write(Path dir, String name, boolean pkcs1) throws IOException {
            Path crt = dir.resolve(name + ".crt");
            Path key = dir.resolve(name + ".key");
            try (Writer out = Files.newBufferedWriter(crt, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(certificate);
            }
            try (Writer out = Files.newBufferedWriter(key, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(pkcs1 ? keys.getPrivate() : new JcaPKCS8Generator(keys.getPrivate(), null));
            }
            return new PemFiles(crt, key);
        }
    }

    public record PemFiles(Path certificate, Path key) {
    }

    public static Issued authority(String name) throws Exception {
        KeyPair keys = rsa();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(subject, subject, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(sign(builder, keys), keys);
    }

    public static Issued server(Issued ca) throws Exception {
        KeyPair keys = rsa();
        X509v3CertificateBuilder builder = builder(new X500Name(ca.certificate().getSubjectX500Principal().getName()),
                new X500Name("CN=localhost"), keys)
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return new Issued(sign(builder, ca.keys()), keys);
    }

    public static Issued client(Issued ca, String name) throws Exception {
        KeyPair keys = rsa();
        X509v3CertificateBuilder builder = builder(new X500Name(ca.certificate().getSubjectX500Principal().getName()),
                new X500Name("CN=" + name), keys);
        return new Issued(sign(builder, ca.keys()), keys);
    }

    /** A client context trusting {@code ca}, presenting {@code identity} when given. */
    public static SSLContext clientContext(Issued ca, Issued identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (identity != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", identity.keys().getPrivate(), "pw".toCharArray(),
                    new java.security.cert.Certificate[]{identity.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
