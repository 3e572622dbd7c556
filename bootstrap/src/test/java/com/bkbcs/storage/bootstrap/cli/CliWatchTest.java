package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.bootstrap.RunningApp;
import com.bkbcs.storage.bootstrap.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** watch: the first list, live changes, resuming after the server restarts, listing again after a 410. */
class CliWatchTest {
    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    @TempDir
    Path dir;

    /** A watch running on its own thread, its output readable while it runs. */
    private static final class Running {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CompletableFuture<Integer> code = new CompletableFuture<>();

        /** On a thread of its own: the common pool may have a single thread on a small machine, and others use it. */
        Running(String... args) {
            Thread thread = new Thread(() -> {
                var commandLine = com.bkbcs.storage.bootstrap.Main.commandLine(
                        new Terminal(new java.io.ByteArrayInputStream(new byte[0]), false));
                commandLine.setOut(new PrintWriter(out, true));
                commandLine.setErr(new PrintWriter(err, true));
                code.complete(commandLine.execute(args));
            }, "cli-watch");
            thread.setDaemon(true);
            thread.start();
        }

        List<String> lines() {
            return Arrays.stream(out.toString().split("\n")).filter(line -> !line.isEmpty()).toList();
        }

        /** The lines that are not bookmarks. */
        List<String> changes() {
            return lines().stream().filter(line -> !line.contains("\"BOOKMARK\"")).toList();
        }

        int exitCode() throws Exception {
            return code.get(90, TimeUnit.SECONDS);
        }
    }

    private static void await(String what, Running watch, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(() -> "waiting for " + what + "; out: " + watch.out + "; err: " + watch.err + "; " + watch.code)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void listsFirstThenPrintsChangesAsNdjsonOrAsALiveTable() throws Exception {
        try (RunningApp app = RunningApp.start(ServerConfig.memory())) {
            Cli cli = Cli.against("http://127.0.0.1:" + app.port());
            assertThat(cli.run("kind: Pod\nmetadata: {name: a}\nstatus: {phase: Pending}\n", false, "apply", "-c", cluster, "-f", "-")
                    .code()).isZero();
            Running json = new Running("watch", "pods", "-c", cluster, "--server", cli.server(), "-o", "json",
                    "--max-events", "3", "--timeout", "60s");
            Running table = new Running("watch", "pods", "-c", cluster, "--server", cli.server(), "--max-events", "1",
                    "--timeout", "60s");
            await("the first list", json, () -> json.lines().size() >= 1 && table.lines().size() >= 2);

            cli.run("kind: Pod\nmetadata: {name: b}\nstatus: {phase: Pending}\n", false, "apply", "-c", cluster, "-f", "-");
            cli.run("kind: Pod\nmetadata: {name: a}\nstatus: {phase: Running, hostIP: 10.1.1.1}\n", false, "apply", "-c", cluster, "-f", "-");
            cli.run("delete", "pod", "b", "-c", cluster);

            assertThat(json.exitCode()).isZero();
            List<String> changes = json.changes();
            assertThat(changes).hasSize(4);
            assertThat(changes.get(0)).startsWith("{\"type\":\"ADDED\",\"revision\":").contains("\"resourceName\":\"a\"");
            assertThat(changes.get(1)).startsWith("{\"type\":\"ADDED\",\"revision\":").contains("\"resourceName\":\"b\"");
            assertThat(changes.get(2)).startsWith("{\"type\":\"MODIFIED\",\"revision\":").contains("\"phase\":\"Running\"");
            assertThat(changes.get(3)).startsWith("{\"type\":\"DELETED\",\"revision\":").contains("\"resourceName\":\"b\"");
            assertThat(json.err.toString()).isEmpty();

            assertThat(table.exitCode()).isZero();
            assertThat(table.lines()).hasSize(3);
            assertThat(table.lines().get(0)).matches("EVENT +REVISION +NAME +NAMESPACE +PHASE +HOST IP +AGE");
            assertThat(table.lines().get(1)).matches("ADDED +\\d+ +a +default +Pending +<none> +\\d+s");
            assertThat(table.lines().get(2)).matches("ADDED +\\d+ +b +default +Pending +<none> +\\d+s");
        }
    }

    @Test
    void resumesFromTheLastRevisionAfterTheServerRestartsOnTheSamePort() throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        ServerConfig config = new ServerConfig(port, data, Optional.empty(), "bcs_storage", Optional.empty(), "etc/cluster",
                ServerConfig.DEFAULT_MAX_BODY_BYTES);
        Cli cli = Cli.against("http://127.0.0.1:" + port);
        Running watch;
        try (RunningApp first = RunningApp.start(config)) {
            watch = new Running("watch", "pods", "-A", "-c", cluster, "--server", cli.server(), "-o", "json",
                    "--max-events", "2", "--timeout", "80s");
            cli.run("kind: Pod\nmetadata: {name: before, namespace: x}\n", false, "apply", "-c", cluster, "-f", "-");
            await("the change before the restart", watch, () -> watch.changes().size() == 1);
        }
        await("the watch to notice", watch, () -> watch.err.toString().contains("resuming from revision"));
        try (RunningApp second = RunningApp.start(config)) {
            cli.run("kind: Pod\nmetadata: {name: after, namespace: x}\n", false, "apply", "-c", cluster, "-f", "-");
            assertThat(watch.exitCode()).as(watch.err.toString()).isZero();
        }
        List<String> changes = watch.changes();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).startsWith("{\"type\":\"ADDED\"").contains("\"resourceName\":\"before\"");
        assertThat(changes.get(1)).startsWith("{\"type\":\"ADDED\"").contains("\"resourceName\":\"after\"");
        assertThat(revision(changes.get(1))).isGreaterThan(revision(changes.get(0)));
        assertThat(watch.err.toString()).as("resumed, not listed again").doesNotContain("listing again")
                .contains("resuming from revision " + revision(changes.get(0)));
    }

    @Test
    void listsAgainWhenTheServerNoLongerHasItsRevision() throws Exception {
        int port = freePort();
        ServerConfig config = new ServerConfig(port, Path.of("unused"), Optional.empty(), "bcs_storage", Optional.empty(),
                "etc/cluster", ServerConfig.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(5), ServerConfig.StoreKind.MEMORY);
        Cli cli = Cli.against("http://127.0.0.1:" + port);
        Running watch;
        try (RunningApp first = RunningApp.start(config)) {
            watch = new Running("watch", "pods", "-c", cluster, "--server", cli.server(), "-o", "name", "--timeout", "40s");
            StringBuilder five = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                five.append("kind: Pod\nmetadata: {name: old-").append(i).append("}\n---\n");
            }
            cli.run(five.toString(), false, "apply", "-c", cluster, "-f", "-");
            await("the changes on the first server", watch, () -> watch.lines().size() == 5);
        }
        // a new memory store starts from revision 0: the watch's revision is ahead of it, a 410
        try (RunningApp second = RunningApp.start(config)) {
            cli.run("kind: Pod\nmetadata: {name: new-1}\n", false, "apply", "-c", cluster, "-f", "-");
            await("the list again", watch, () -> watch.err.toString().contains("listing again")
                    && watch.lines().contains("ADDED pod/new-1"));
            cli.run("kind: Pod\nmetadata: {name: new-2}\n", false, "apply", "-c", cluster, "-f", "-");
            await("a change after the new list", watch, () -> watch.lines().contains("ADDED pod/new-2"));
            assertThat(watch.exitCode()).isZero();
        }
        assertThat(watch.lines()).containsExactly("ADDED pod/old-0", "ADDED pod/old-1", "ADDED pod/old-2", "ADDED pod/old-3",
                "ADDED pod/old-4", "ADDED pod/new-1", "ADDED pod/new-2");
        assertThat(watch.err.toString()).contains("is ahead of").contains("listing again");
    }

    private static long revision(String line) {
        return Long.parseLong(line.replaceFirst("^\\{\"type\":\"[A-Z]+\",\"revision\":(\\d+).*$", "$1"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
