package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recipe of docs/watch.md: ZooKeeper's own client, run from the packaged jar alone
 * ({@code java -cp bcs-storage.jar org.apache.zookeeper.ZooKeeperMain}), reads the watch data of the
 * embedded ZooKeeper; with a token only after {@code addauth digest} with the service's credentials.
 */
class ZooKeeperCliIT {
    private static final Pattern ZOOKEEPER = Pattern.compile("embedded ZooKeeper \\S+ serving on (127\\.0\\.0\\.1:\\d+)");
    private static final String SERVICE = "/bcsstorage/v1/k8s/watch/clusters/BCS-K8S-15091/namespaces/default/Service/web";
    private static final String DATA = "{\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"clusterIP\":\"10.96.0.12\"}}";

    @TempDir
    Path dir;

    @Test
    void listsAndReadsWatchDataAsTheDocShows() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("serve.log"), "serve", "--port", "0",
                "--data-dir", dir.resolve("data").toString())) {
            Http http = new Http(server.awaitPort(Duration.ofSeconds(60)));
            assertThat(http.put(SERVICE, "{\"data\":" + DATA + "}").status()).isEqualTo(200);
            String zooKeeper = zooKeeper(server);

            assertThat(zkCli("", "-server", zooKeeper, "ls", "/etc/cluster/k8s/BCS-K8S-15091/Service"))
                    .contains("Connecting to " + zooKeeper, "WatchedEvent state:SyncConnected type:None path:null zxid: -1")
                    .endsWith("\n[default.web]\n");
            assertThat(zkCli("", "-server", zooKeeper, "get", "/etc/cluster/k8s/BCS-K8S-15091/Service/default.web"))
                    .endsWith("\n" + DATA + "\n");
        }
    }

    @Test
    void withATokenReadsOnlyAfterAddauthWithTheServicesCredentials() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "cli-t0ken\n");
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(dir.resolve("serve.log"), "serve", "--port", "0",
                "--data-dir", data.toString(), "--auth-token-file", token.toString())) {
            Http http = new Http(server.awaitPort(Duration.ofSeconds(60)));
            assertThat(http.send("PUT", SERVICE, "{\"data\":" + DATA + "}", Map.of("Authorization", "Bearer cli-t0ken")).status())
                    .isEqualTo(200);
            String zooKeeper = zooKeeper(server);
            String znode = "/etc/cluster/k8s/BCS-K8S-15091/Service/default.web";

            assertThat(zkCli("", "-server", zooKeeper, "get", znode)).contains("Insufficient permission").doesNotContain(DATA);
            String credentials = Files.readString(data.resolve("zookeeper").resolve("credentials")).strip();
            assertThat(zkCli("addauth digest " + credentials + "\nget " + znode + "\nquit\n", "-server", zooKeeper))
                    .contains(DATA).doesNotContain("Insufficient permission");
        }
    }

    private static String zooKeeper(ServerProcess server) throws IOException {
        Matcher matcher = ZOOKEEPER.matcher(server.output());
        assertThat(matcher.find()).as(server.output()).isTrue();
        return matcher.group(1);
    }

    /** ZooKeeperMain from the packaged jar alone, {@code input} on its standard input; stdout and stderr together. */
    private String zkCli(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ServerProcess.jar().toString(), "org.apache.zookeeper.ZooKeeperMain"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "zkcli", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("ZooKeeperMain did not end:\n" + Files.readString(output));
        }
        return Files.readString(output);
    }
}
