package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.ResourceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP itself on a real server: HEAD answers as GET would, without a body; a 405 says in
 * {@code Allow} what the path does serve; {@code GET /} is a small index.
 */
class HttpDetailsTest extends DynamicApiFixture {

    /** A response read off the socket as it came, so a body sent after a HEAD cannot hide. */
    record RawReply(int status, Map<String, String> headers, byte[] rest) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static RawReply exchange(String method, String target) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            assertThat(split).as("a complete head: %s", text).isPositive();
            String[] lines = text.substring(0, split).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] rest = Arrays.copyOfRange(all, split + 4, all.length);
            return new RawReply(Integer.parseInt(lines[0].split(" ")[1]), headers, rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertHeadLikeGet(String target, int status) {
        RawReply get = exchange("GET", target);
        RawReply head = exchange("HEAD", target);
        assertThat(get.status()).as("GET %s", target).isEqualTo(status);
        assertThat(head.status()).as("HEAD %s", target).isEqualTo(status);
        assertThat(head.rest()).as("HEAD %s sends no body", target).isEmpty();
        assertThat(get.rest()).as("GET %s does", target).isNotEmpty();
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        // the same length, unless the body names the method ("no such route: HEAD /x")
        if (!new String(get.rest(), StandardCharsets.UTF_8).contains(" GET ")) {
            assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
        }
    }

    @Test
    void headAnswersAsGetWouldWithoutTheBody() {
        seed("ns", "Pod", "web", "{\"a\": 1}");
        String one = nsPath(BASES.get(0), "ns", "Pod") + "/web";
        assertHeadLikeGet(one, 200);
        assertHeadLikeGet(one + "?field=data", 200);
        assertHeadLikeGet(nsPath(BASES.get(3), "ns", "Pod") + "/absent", 404);
        assertHeadLikeGet(one + "?lableSelector=app%3Dweb", 400);
        assertHeadLikeGet(nsPath(BASES.get(1), "ns", "Pod"), 200);
        assertHeadLikeGet(allPath(BASES.get(2), "Pod") + "?extra=not-base64", 400);
        assertHeadLikeGet("/bcsstorage/v1/nothing/here", 404);
        assertThat(exchange("HEAD", "/bcsstorage/v1/nothing/here").header("Content-Length")).isEqualTo(
                String.valueOf(new String(exchange("GET", "/bcsstorage/v1/nothing/here").rest(), StandardCharsets.UTF_8)
                        .replace(" GET ", " HEAD ").length()));
        assertHeadLikeGet("/", 200);
        assertHeadLikeGet("/healthz", 200);
        assertHeadLikeGet("/readyz", 200);
        assertHeadLikeGet("/openapi.json", 200);
        assertHeadLikeGet("/docs", 200);
        assertHeadLikeGet("/docs/swagger-ui.css", 200);
    }

    @Test
    void headReadsAndWritesNothingElse() {
        String one = nsPath(BASES.get(0), "ns", "Pod") + "/web";
        ResourceKey other = seed("ns", "Pod", "other", "{}");
        Snapshot before = snapshot(other);
        clock.set(T0.plusSeconds(60));
        assertThat(exchange("HEAD", one).status()).isEqualTo(404);
        assertThat(exchange("HEAD", nsPath(BASES.get(0), "ns", "Pod") + "/other").status()).isEqualTo(200);
        assertThat(snapshot(other)).isEqualTo(before);
        assertThat(http.get(one).status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "POST   | /bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/c/namespaces/ns/Pod/web | GET, PUT, DELETE, HEAD",
            "PATCH  | /bcsapi/v4/storage/mesos/dynamic/cluster_resources/clusters/c/Node/n          | GET, PUT, DELETE, HEAD",
            "PUT    | /bcsstorage/v1/k8s/dynamic/all_resources/clusters/c/Pod                        | GET, DELETE, HEAD",
            "OPTIONS| /bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/c/namespaces/ns/Pod     | GET, DELETE, HEAD",
            "POST   | /                                                                               | GET, HEAD",
            "DELETE | /healthz                                                                        | GET, HEAD",
            "PUT    | /openapi.json                                                                   | GET, HEAD",
    })
    void a405NamesTheMethodsThePathServesInAllow(String method, String path, String allow) {
        RawReply reply = exchange(method, path);
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo(allow);
        assertThat(Http.json(new String(reply.rest(), StandardCharsets.UTF_8)).path("message").asText())
                .isEqualTo(Operation.forMethod(method).failure() + ": method " + method + " is not allowed on " + path);
    }

    @Test
    void aMissingRouteCarriesNoAllow() {
        RawReply reply = exchange("GET", "/bcsstorage/v1/k8s/nothing");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Allow")).isNull();
    }

    @Test
    void withoutATokenTheSwaggerUiPageLoadsTheDocumentAtOnce() {
        Http.Reply page = http.get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("const tokenRequired = false;").contains("url: \"/openapi.json\"");
        assertThat(http.get("/openapi.json").body()).doesNotContain("securitySchemes");
    }

    @Test
    void theRootIsAnIndexOfWhatThisServerServes() {
        Http.Reply reply = http.get("/");
        String version = reply.json().path("data").path("version").asText();
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertReply(reply, 200, """
                {"result": true, "code": 0, "message": "success", "data": {
                  "name": "bcs-storage", "version": "%s", "api": "bcs-storage HTTP API V0.9.0",
                  "prefixes": ["/bcsstorage/v1", "/bcsapi/v4/storage"],
                  "links": {"docs": "/docs", "openapi": "/openapi.json", "healthz": "/healthz", "readyz": "/readyz"}}}"""
                .formatted(version));
        assertThat(http.get("/?anything=1").status()).as("operational routes ignore parameters").isEqualTo(200);
        for (String link : new String[]{"/docs", "/openapi.json", "/healthz", "/readyz"}) {
            assertThat(http.get(link).status()).as(link).isEqualTo(200);
        }
    }
}
