package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.ops.BearerToken;
import com.bkbcs.storage.adapters.http.ops.Management;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.service.DynamicResourceService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional bearer token: every route but the probes and the scrape needs it. */
class AuthTest {
    private static final String ONE = "/bcsapi/v4/storage/mesos/dynamic/cluster_resources/clusters/BCS-1/IPPoolStatic/pool";
    private static final String TOKEN = "s3cr3t-T0ken";

    @TempDir
    Path dir;
    private HttpServer server;
    private Client client;

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        DynamicResourceService service = new DynamicResourceService(new InMemoryResourceStore(), Clock.systemUTC());
        server = HttpServer.start(new HttpSettings(0).withAuthToken(BearerToken.readFrom(file)),
                List.of(new DynamicRoutes(service, service, service, service, service, Watches.idle())),
                new Management(Management.none().meters(), Optional.of(() -> "# metrics\n"), List.of()));
        client = Client.of(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRightTokenIsLetThrough() {
        assertThat(client.send("PUT", ONE, "{\"data\":1}", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(client.get(ONE, "Authorization", "bearer " + TOKEN).statusCode()).as("the scheme is case-insensitive")
                .isEqualTo(200);
        assertThat(client.get("/openapi.json", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingOrWrongTokenIs401WithTheEnvelope() {
        for (String[] headers : List.of(new String[0], new String[]{"Authorization", "Bearer wrong"},
                new String[]{"Authorization", "Bearer " + TOKEN + "x"}, new String[]{"Authorization", "Basic " + TOKEN},
                new String[]{"Authorization", TOKEN}, new String[]{"Authorization", "Bearer "})) {
            HttpResponse<String> reply = client.send("PUT", ONE, "{\"data\":2}", headers);
            assertThat(reply.statusCode()).isEqualTo(401);
            assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(Http.json(reply.body())).isEqualTo(Http.json("""
                    {"result": false, "code": 10003, "data": null,
                     "message": "Put resource failed: a valid bearer token is required (Authorization: Bearer <token>)"}"""));
        }
        assertThat(client.get(ONE).body()).contains("\"code\":10004");
        assertThat(client.get("/openapi.json").statusCode()).isEqualTo(401);
        assertThat(client.get("/").statusCode()).isEqualTo(401);
        assertThat(client.get("/no/such/route").statusCode()).as("no hint about which routes exist").isEqualTo(401);
        assertThat(client.get(ONE, "Authorization", "Bearer " + TOKEN).statusCode()).as("nothing was written").isEqualTo(404);
    }

    @Test
    void theSwaggerUiPageAndItsFilesNeedNoTokenAndThePageAsksForIt() {
        HttpResponse<String> page = client.get("/docs");
        assertThat(page.statusCode()).as("a browser can open the page").isEqualTo(200);
        assertThat(page.body()).contains("const tokenRequired = true;").contains("id=\"token-form\"")
                .contains("request.headers.Authorization = \"Bearer \" + token").doesNotContain(TOKEN);
        assertThat(client.get("/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(client.get("/docs/swagger-ui.css").statusCode()).isEqualTo(200);
        assertThat(client.get("/docs/../openapi.json").statusCode()).as("nothing past the page").isEqualTo(401);
        assertThat(client.get("/docs/x/../../openapi.json").statusCode()).isEqualTo(401);
        assertThat(client.get("/docsy").statusCode()).isEqualTo(401);
        assertThat(client.get("/openapi.json", "Authorization", "Bearer " + TOKEN).body())
                .as("with a token, the document names the scheme Swagger UI authorizes with")
                .contains("\"securitySchemes\"").contains("\"bearer\"");
    }

    @Test
    void probesAndTheScrapeNeedNoToken() {
        assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(client.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(client.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void tokenFilesAreReadStrictly() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> BearerToken.readFrom(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no usable token");
        Path spaced = Files.writeString(dir.resolve("spaced"), "two words");
        assertThatThrownBy(() -> BearerToken.readFrom(spaced)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerToken.readFrom(dir.resolve("absent"))).hasMessageContaining("absent");
        assertThat(BearerToken.of(TOKEN)).hasToString("BearerToken[redacted]");
        assertThat(BearerToken.of(TOKEN).acceptsHeader(null)).isFalse();
    }
}
