package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.ops.TlsSettings;
import com.bkbcs.storage.adapters.http.TestCertificates.Issued;
import com.bkbcs.storage.adapters.http.TestCertificates.PemFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS from PEM files, and mutual TLS: certificates are made at test time. */
class TlsTest {
    @TempDir
    static Path dir;
    private static Issued ca;
    private static Issued otherCa;
    private static PemFiles serverFiles;
    private static PemFiles serverPkcs1Files;
    private static Path caFile;
    private static Issued client;
    private static Issued stranger;

    private HttpServer server;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificates.authority("test CA");
        otherCa = TestCertificates.authority("other CA");
        Issued serverCert = TestCertificates.server(ca);
        serverFiles = serverCert.write(dir, "server", false);
        serverPkcs1Files = serverCert.write(dir, "server-pkcs1", true);
        caFile = ca.write(dir, "ca", false).certificate();
        client = TestCertificates.client(ca, "agent");
        stranger = TestCertificates.client(otherCa, "stranger");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Client https(HttpServer server, SSLContext context) {
        return new Client(HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build(),
                "https://127.0.0.1:" + server.port());
    }

    @Test
    void servesHttpsWithAPkcs8KeyAndNoPlainHttp() throws Exception {
        server = HttpServer.start(new HttpSettings(0).withTls(new TlsSettings(serverFiles.certificate(), serverFiles.key(),
                Optional.empty())), List.of());
        HttpResponse<String> reply = https(server, TestCertificates.clientContext(ca, null)).get("/healthz");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("\"status\":\"UP\"");
        assertThatThrownBy(() -> Client.of(server).get("/healthz")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void readsAPkcs1RsaKeyToo() throws Exception {
        assertThat(Files.readString(serverPkcs1Files.key())).contains("BEGIN RSA PRIVATE KEY");
        server = HttpServer.start(new HttpSettings(0).withTls(new TlsSettings(serverPkcs1Files.certificate(),
                serverPkcs1Files.key(), Optional.empty())), List.of());
        assertThat(https(server, TestCertificates.clientContext(ca, null)).get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void withAClientCaAClientCertificateSignedByItIsAccepted() throws Exception {
        server = mutualTls();
        HttpResponse<String> reply = https(server, TestCertificates.clientContext(ca, client)).get("/healthz");
        assertThat(reply.statusCode()).isEqualTo(200);
    }

    @Test
    void withAClientCaAConnectionWithoutACertificateIsRejected() throws Exception {
        server = mutualTls();
        Client anonymous = https(server, TestCertificates.clientContext(ca, null));
        assertThatThrownBy(() -> anonymous.get("/healthz")).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void withAClientCaACertificateFromAnotherCaIsRejected() throws Exception {
        server = mutualTls();
        Client impostor = https(server, TestCertificates.clientContext(ca, stranger));
        assertThatThrownBy(() -> impostor.get("/healthz")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void unreadableOrWrongFilesFailTheStartNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> HttpServer.start(new HttpSettings(0).withTls(new TlsSettings(serverFiles.certificate(),
                missing, Optional.empty())), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.key");
        assertThatThrownBy(() -> HttpServer.start(new HttpSettings(0).withTls(new TlsSettings(serverFiles.certificate(),
                serverFiles.certificate(), Optional.empty())), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no unencrypted PEM private key");
        assertThatThrownBy(() -> HttpServer.start(new HttpSettings(0).withTls(new TlsSettings(serverFiles.key(),
                serverFiles.key(), Optional.empty())), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server.key");
    }

    private static HttpServer mutualTls() {
        return HttpServer.start(new HttpSettings(0).withTls(new TlsSettings(serverFiles.certificate(), serverFiles.key(),
                Optional.of(caFile))), List.of());
    }
}
