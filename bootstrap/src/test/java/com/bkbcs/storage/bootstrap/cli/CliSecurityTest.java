package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.http.TestCertificates;
import com.bkbcs.storage.bootstrap.OperabilityConfig;
import com.bkbcs.storage.bootstrap.RunningApp;
import com.bkbcs.storage.bootstrap.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The client over HTTPS, with a client certificate (mutual TLS) and the bearer token, as the server asks for them. */
class CliSecurityTest {
    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void mutualTlsAndTheTokenTogetherAndEachOneMissing() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("cli CA");
        TestCertificates.PemFiles server = TestCertificates.server(ca).write(dir, "server", false);
        Path caFile = ca.write(dir, "ca", false).certificate();
        TestCertificates.PemFiles pkcs8 = TestCertificates.client(ca, "operator").write(dir, "operator", false);
        TestCertificates.PemFiles pkcs1 = TestCertificates.client(ca, "script").write(dir, "script", true);
        TestCertificates.PemFiles stranger = TestCertificates.client(TestCertificates.authority("other CA"), "x")
                .write(dir, "stranger", false);
        Path token = Files.writeString(dir.resolve("token"), "s3cr3t\n");
        Path wrongToken = Files.writeString(dir.resolve("wrong"), "guess");
        OperabilityConfig operability = OperabilityConfig.defaults()
                .withTls(server.certificate(), server.key(), Optional.of(caFile)).withAuthTokenFile(token);
        try (RunningApp app = RunningApp.start(ServerConfig.memory(), operability)) {
            String url = "https://127.0.0.1:" + app.port();
            Cli trusted = Cli.against(url).with("--cacert", caFile.toString());
            Cli cli = trusted.with("--cert", pkcs8.certificate().toString(), "--key", pkcs8.key().toString(),
                    "--token-file", token.toString());

            Cli.Result applied = cli.run("kind: Node\nmetadata: {name: n1}\n", false, "apply", "-c", cluster, "-f", "-");
            assertThat(applied.code()).as(applied.err()).isZero();
            assertThat(applied.out()).isEqualTo("node/n1 applied\n");
            assertThat(cli.run("get", "nodes", "-c", cluster, "-o", "name").out()).isEqualTo("node/n1\n");
            Cli.Result withPkcs1 = trusted.with("--cert", pkcs1.certificate().toString(), "--key", pkcs1.key().toString(),
                    "--token-file", token.toString()).run("get", "node", "n1", "-c", cluster, "-o", "name");
            assertThat(withPkcs1.out()).as(withPkcs1.err()).isEqualTo("node/n1\n");

            Cli.Result noToken = trusted.with("--cert", pkcs8.certificate().toString(), "--key", pkcs8.key().toString())
                    .run("get", "nodes", "-c", cluster);
            assertThat(noToken.code()).isEqualTo(1);
            assertThat(noToken.err()).isEqualTo("Error from server (HTTP 401): Get resource failed: a valid bearer token is "
                    + "required (Authorization: Bearer <token>)\n");
            Cli.Result badToken = trusted.with("--cert", pkcs8.certificate().toString(), "--key", pkcs8.key().toString(),
                    "--token-file", wrongToken.toString()).run("get", "nodes", "-c", cluster);
            assertThat(badToken.code()).isEqualTo(1);

            Cli.Result noCertificate = trusted.with("--token-file", token.toString()).run("get", "nodes", "-c", cluster);
            assertThat(noCertificate.code()).isEqualTo(3);
            assertThat(noCertificate.err()).startsWith("Unable to connect to the server: ").hasLineCount(1);
            Cli.Result untrusted = Cli.against(url).with("--cert", stranger.certificate().toString(), "--key",
                    stranger.key().toString(), "--token-file", token.toString()).run("get", "nodes", "-c", cluster);
            assertThat(untrusted.code()).isEqualTo(3);
            assertThat(untrusted.err()).startsWith("Unable to connect to the server: cannot reach " + url + ": TLS failed: ");
            Cli.Result plain = Cli.against("http://127.0.0.1:" + app.port()).run("get", "nodes", "-c", cluster);
            assertThat(plain.code()).isEqualTo(3);

            Cli.Result missingKey = trusted.with("--cert", pkcs8.certificate().toString()).run("get", "nodes", "-c", cluster);
            assertThat(missingKey.code()).isEqualTo(2);
            assertThat(missingKey.err()).startsWith("get: --cert and --key go together (mutual TLS needs both)\n");
            Cli.Result missingTokenFile = trusted.with("--token-file", dir.resolve("absent").toString()).run("get", "nodes", "-c", cluster);
            assertThat(missingTokenFile.code()).isEqualTo(2);
            assertThat(missingTokenFile.err()).startsWith("get: --token-file " + dir.resolve("absent") + " cannot be read");
        }
    }
}
