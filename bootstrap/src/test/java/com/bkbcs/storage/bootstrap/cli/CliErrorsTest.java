package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.bootstrap.RunningApp;
import com.bkbcs.storage.bootstrap.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One line on standard error and the documented exit code: 1 the server said no, 2 usage, 3 unreachable. */
class CliErrorsTest {
    private static RunningApp app;
    private static Cli cli;

    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        app = RunningApp.start(ServerConfig.memory());
        cli = Cli.against("http://127.0.0.1:" + app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anUnreachableServerIsExitCode3() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Cli.Result result = Cli.against("http://127.0.0.1:" + closed).run("get", "pods", "-c", cluster);
        assertThat(result.code()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Unable to connect to the server: cannot reach http://127.0.0.1:" + closed
                + ": connection refused\n");
    }

    @Test
    void aMissingResourceIs404AndExitCode1() {
        Cli.Result result = cli.run("get", "pod", "nope", "-c", cluster);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Error from server (HTTP 404): Get resource failed: resource does not exist\n");

        Cli.Result unknownKind = cli.run("query", "gadget", "-c", cluster);
        assertThat(unknownKind.code()).isEqualTo(1);
        assertThat(unknownKind.err()).startsWith("Error from server (HTTP 404): List resource failed: ");
    }

    @Test
    void aRequestTheServerRejectsIs400AndExitCode1() {
        Cli.Result badSelector = cli.run("get", "pods", "-c", cluster, "-l", "app in (web");
        assertThat(badSelector.code()).isEqualTo(1);
        assertThat(badSelector.err()).startsWith("Error from server (HTTP 400): List resource failed: ").doesNotContain("\n\n")
                .hasLineCount(1);

        Cli.Result badParam = cli.run("query", "pod", "-c", cluster, "--param", "colour=red");
        assertThat(badParam.code()).isEqualTo(1);
        assertThat(badParam.err()).startsWith("Error from server (HTTP 400): List resource failed: unknown parameter 'colour'");
    }

    @Test
    void usageMistakesAreExitCode2WithAHint() {
        Cli.Result noType = cli.run("get");
        assertThat(noType.code()).isEqualTo(2);
        assertThat(noType.err()).startsWith("get: Missing required parameter: 'TYPE'\n")
                .contains("See 'bcs-storage get --help' for the options.");

        Cli.Result typo = cli.run("get", "pods", "-c", cluster, "--selecter", "a=b");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean --selector?");

        Cli.Result noCluster = Cli.runExactly("", false, "get", "pods", "--server", cli.server());
        assertThat(noCluster.code()).isEqualTo(2);
        assertThat(noCluster.err()).startsWith("get: --cluster (-c) is required here (or set BCS_STORAGE_CLUSTER)\n");

        assertThat(cli.run("get", "pods", "-c", cluster, "-o", "xml").err())
                .startsWith("get: --output must be one of table, wide, json, yaml, name; was 'xml'\n");
        assertThat(cli.run("get", "pods", "-c", cluster, "-A", "-n", "x").code()).isEqualTo(2);
        assertThat(cli.run("get", "pods", "-c", cluster, "--env", "swarm").code()).isEqualTo(2);
        assertThat(cli.run("delete", "pods", "-c", cluster).err()).startsWith("delete: say what to delete");
        assertThat(cli.run("events", "--since", "yesterday").code()).isEqualTo(2);
        assertThat(Cli.runExactly("", false, "get", "pods", "-c", cluster, "--server", "ftp://x").err())
                .startsWith("get: --server must be an http:// or https:// URL with a host, was 'ftp://x'");
    }
}
