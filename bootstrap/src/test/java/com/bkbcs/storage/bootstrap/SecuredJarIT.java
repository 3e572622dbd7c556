package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar with every operability option from a --config file: PEM reading (BouncyCastle, shaded),
 * mutual TLS, the token, the metrics port, Swagger UI from the shaded webjar.
 */
class SecuredJarIT {
    @TempDir
    Path dir;

    @Test
    void servesHttpsWithClientCertificatesATokenAndMetricsOnTheirOwnPortFromAConfigFile() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("jar CA");
        TestCertificates.PemFiles server = TestCertificates.server(ca).write(dir, "server", true);
        Path caFile = ca.write(dir, "ca", false).certificate();
        Path token = Files.writeString(dir.resolve("token"), "jar-t0ken\n");
        Path config = Files.writeString(dir.resolve("serve.properties"), String.join("\n",
                "port=0", "metrics-port=0", "data-dir=" + dir.resolve("data"), "tls-cert=" + server.certificate(),
                "tls-key=" + server.key(), "tls-client-ca=" + caFile, "auth-token-file=" + token, "shutdown-timeout=5000", ""));

        try (ServerProcess process = ServerProcess.start(dir.resolve("serve.log"), "serve", "--config", config.toString())) {
            int port = process.awaitPort(Duration.ofSeconds(60));
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(TestCertificates.clientContext(ca, TestCertificates.client(ca, "agent")))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String base = "https://127.0.0.1:" + port;
            assertThat(get(client, base + "/healthz", null).statusCode()).isEqualTo(200);
            assertThat(get(client, base + "/openapi.json", null).statusCode()).isEqualTo(401);
            HttpResponse<String> document = get(client, base + "/openapi.json", "jar-t0ken");
            assertThat(document.statusCode()).isEqualTo(200);
            assertThat(document.body()).contains("\"openapi\" : \"3.0.3\"");
            assertThat(get(client, base + "/docs/swagger-ui-bundle.js", "jar-t0ken").statusCode()).isEqualTo(200);

            int metricsPort = Integer.parseInt(process.output().replaceAll("(?s).*metrics on port (\\d+).*", "$1"));
            HttpResponse<String> metrics = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + metricsPort + "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("bkbcs_storage_api_request_total{handler=\"/openapi.json\",method=\"GET\",status=\"200\"} 1.0",
                    "bkbcs_storage_api_request_total{handler=\"unmatched\",method=\"GET\",status=\"401\"} 1.0");
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
