package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mistake in serve's options is one clear line naming the flag, variable or configuration key,
 * a suggestion where there is one, exit code 2, and never a stack trace; nothing starts.
 */
class MainTest {
    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.getSubcommands().get("serve").setDefaultValueProvider(new LayeredDefaults(environment::get));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private void assertOneClearLine() {
        assertThat(err.toString()).doesNotContain("Exception", "\tat ", "Usage:");
    }

    @Test
    void aMisspeltOptionGetsASuggestion() {
        assertThat(run("serve", "--prot", "8081")).isEqualTo(2);
        assertThat(err.toString()).startsWith("serve: Unknown options: '--prot', '8081'\nDid you mean --port?\n")
                .contains("See 'bcs-storage serve --help' for the options.");
        assertOneClearLine();
    }

    @Test
    void aValueOutOfRangeNamesTheFlag() {
        assertThat(run("serve", "--port", "70000", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("serve: --port must be within 0..65535\n");
        assertOneClearLine();
    }

    @Test
    void anEmbeddedStorePortOutOfRangeNamesItsVariable() {
        environment.put("BCS_STORAGE_EMBEDDED_MONGO_PORT", "70000");
        assertThat(run("serve", "--data-dir", dir.resolve("data").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("serve: --embedded-mongo-port must be within 0..65535 "
                + "(from the environment variable BCS_STORAGE_EMBEDDED_MONGO_PORT)\n");
        assertThat(dir.resolve("data")).as("no store started").doesNotExist();
        assertOneClearLine();
    }

    @Test
    void aBadVariableIsNamedAsTheVariable() {
        environment.put("BCS_STORAGE_PORT", "eighty");
        assertThat(run("serve")).isEqualTo(2);
        assertThat(err.toString()).startsWith("serve: Invalid value for option '--port': 'eighty' is not an int")
                .contains("(from the environment variable BCS_STORAGE_PORT)");
        assertOneClearLine();

        environment.put("BCS_STORAGE_PORT", "70000");
        StringWriter before = new StringWriter();
        before.write(err.toString());
        assertThat(run("serve", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString().substring(before.toString().length()))
                .startsWith("serve: --port must be within 0..65535 (from the environment variable BCS_STORAGE_PORT)");
    }

    @Test
    void aBadConfigurationKeyIsNamedAsTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("serve.properties"), "port=70000\n");
        assertThat(run("serve", "--config", config.toString(), "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("serve: --port must be within 0..65535 (from the key 'port' of the "
                + "configuration file " + config + ")");
        assertOneClearLine();
    }

    @Test
    void aPortInUseIsSaidAtOnceBeforeAnyStoreStarts() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            assertThat(run("serve", "--port", Integer.toString(taken.getLocalPort()), "--data-dir",
                    dir.resolve("data").toString())).isEqualTo(1);
            assertThat(err.toString()).startsWith("serve: could not run: port " + taken.getLocalPort()
                    + " (--port) is already in use");
            assertThat(dir.resolve("data")).as("no store started").doesNotExist();
        }
        assertOneClearLine();
    }

    @Test
    void optionsThatGoTogetherSaySo() {
        assertThat(run("serve", "--tls-cert", dir.resolve("cert.pem").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("serve: --tls-cert and --tls-key go together");
        assertOneClearLine();
    }

    @Test
    void discoveryOptionsAreCheckedBeforeAnythingStarts() {
        Path data = dir.resolve("data");
        assertThat(run("serve", "--register", "maybe", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("serve: Invalid value for option '--register': 'maybe' is not a "
                + "registration mode: auto, on or off");
        assertThat(run("serve", "--register-path", "bcs/services", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("serve: --register-path: not a valid znode path 'bcs/services'");
        assertThat(run("serve", "--leader-path", "/bcs/services/endpoints/storage/leader", "--data-dir",
                data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("serve: --leader-path must not be inside --register-path");
        assertThat(run("serve", "--advertise-address", "10.0.0.1/24", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("serve: --advertise-address must be an IP address or host name, was '10.0.0.1/24'");
        assertThat(run("serve", "--advertise-port", "0", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("serve: --advertise-port must be within 1..65535");
        assertThat(run("serve", "--register", "on", "--store", "memory")).isEqualTo(2);
        assertThat(err.toString()).contains("serve: --register on needs ZooKeeper; --store memory has none");
        assertThat(run("serve", "--retention-period", "0", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("serve: --retention-period must be within 1..2147483 seconds");
        assertThat(data).as("no store started").doesNotExist();
        assertOneClearLine();
    }
}
