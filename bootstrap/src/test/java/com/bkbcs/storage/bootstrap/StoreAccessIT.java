package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged jar with {@code --auth-token-file}: another local process that finds the embedded
 * stores' loopback ports in the log can read and write nothing there, while the service works, also
 * over data an earlier run without a token left open, and across a restart.
 */
class StoreAccessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MONGO_PORT = Pattern.compile("serving on mongodb://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ZOOKEEPER_PORT = Pattern.compile("embedded ZooKeeper \\S+ serving on 127\\.0\\.0\\.1:(\\d+)");
    private static final String TOKEN = "st0re-access-t0ken";
    private static final String DYNAMIC = "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/BCS-K8S-1/namespaces/ns/Pod/web";
    private static final String WATCH = "/bcsstorage/v1/k8s/watch/clusters/BCS-K8S-1/namespaces/ns/Service/web";
    private static final String ZNODE = "/etc/cluster/k8s/BCS-K8S-1/Service/ns.web";

    @TempDir
    Path dir;

    @Test
    void withATokenNothingIsReadableOrWritableThroughTheEmbeddedStoresPortsButTheServiceWorks() throws Exception {
        Path data = dir.resolve("data");
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");

        try (ServerProcess open = ServerProcess.start(dir.resolve("open.log"), "serve", "--port", "0",
                "--data-dir", data.toString())) {
            int port = open.awaitPort(Duration.ofSeconds(60));
            assertThat(send(port, "PUT", WATCH, "{\"data\":{\"v\":\"before\"}}", null).statusCode()).isEqualTo(200);
            try (ZooKeeper anyone = zooKeeper(port(open, ZOOKEEPER_PORT))) {
                assertThat(new String(anyone.getData(ZNODE, false, null), StandardCharsets.UTF_8))
                        .as("without a token, as before").contains("before");
            }
        }

        String previousWatch = "before";
        for (String run : new String[]{"first", "restarted"}) {
            try (ServerProcess secured = ServerProcess.start(dir.resolve(run + ".log"), "serve", "--port", "0",
                    "--data-dir", data.toString(), "--auth-token-file", token.toString())) {
                int port = secured.awaitPort(Duration.ofSeconds(60));
                assertThat(send(port, "PUT", DYNAMIC, "{\"data\":{\"v\":\"" + run + "\"}}", TOKEN).statusCode()).isEqualTo(200);
                assertThat(json(send(port, "GET", DYNAMIC, null, TOKEN)).at("/data/data/v").asText()).isEqualTo(run);
                assertThat(json(send(port, "GET", WATCH, null, TOKEN)).at("/data/v").asText())
                        .as("the znode of the previous run").isEqualTo(previousWatch);
                assertThat(send(port, "PUT", WATCH, "{\"data\":{\"v\":\"" + run + "\"}}", TOKEN).statusCode()).isEqualTo(200);
                previousWatch = run;

                try (MongoClient intruder = MongoClients.create("mongodb://127.0.0.1:" + port(secured, MONGO_PORT)
                        + "/?serverSelectionTimeoutMS=10000")) {
                    assertThatThrownBy(() -> intruder.listDatabaseNames().into(new ArrayList<>()))
                            .isInstanceOfSatisfying(MongoException.class, e -> assertThat(e.getCode()).isEqualTo(13));
                    assertThatThrownBy(() -> intruder.getDatabase("bcs_storage").getCollection("dyn_Pod").find().first())
                            .isInstanceOfSatisfying(MongoException.class, e -> assertThat(e.getCode()).isEqualTo(13));
                }
                try (ZooKeeper intruder = zooKeeper(port(secured, ZOOKEEPER_PORT))) {
                    assertThatThrownBy(() -> intruder.getData(ZNODE, false, null)).isInstanceOf(KeeperException.NoAuthException.class);
                    assertThatThrownBy(() -> intruder.getChildren("/", false)).isInstanceOf(KeeperException.NoAuthException.class);
                    assertThatThrownBy(() -> intruder.setData(ZNODE, new byte[0], -1))
                            .isInstanceOf(KeeperException.NoAuthException.class);
                }

                String mongoPassword = Files.readString(data.resolve("mongo/connection-string"))
                        .replaceAll("(?s)^mongodb://bcs-storage:([^@]+)@.*", "$1");
                String zookeeperPassword = Files.readString(data.resolve("zookeeper/credentials")).strip()
                        .substring("bcs-storage:".length());
                assertThat(mongoPassword).hasSizeGreaterThan(40);
                assertThat(secured.output()).doesNotContain(mongoPassword).doesNotContain(zookeeperPassword);

                secured.terminate();
                assertThat(secured.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
            }
        }
    }

    private static int port(ServerProcess process, Pattern pattern) throws Exception {
        Matcher matcher = pattern.matcher(process.output());
        assertThat(matcher.find()).as("log line " + pattern + " in:\n" + process.output()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static ZooKeeper zooKeeper(int port) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper("127.0.0.1:" + port, 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(20, TimeUnit.SECONDS)).isTrue();
        return zk;
    }

    private static HttpResponse<String> send(int port, String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
