package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where serve's options come from: flag, then environment variable, then the --config file, then the default. */
class ServeOptionsTest {
    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    private ServeCommand parse(String... args) {
        return ServeArguments.parse(environment, args);
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws Exception {
        Path config = Files.writeString(dir.resolve("bcs-storage.properties"), """
                # every option can be here, named without its dashes
                port=7001
                zk-root=from/file
                mongo-database=from_file
                shutdown-timeout=1234
                metrics-port=9102
                """);
        environment.put("BCS_STORAGE_PORT", "7002");
        environment.put("BCS_STORAGE_ZK_ROOT", "from/env");

        ServeCommand serve = parse("--config", config.toString(), "--port", "7003");
        assertThat(serve.port).as("flag").isEqualTo(7003);
        assertThat(serve.zkRoot).as("environment").isEqualTo("from/env");
        assertThat(serve.mongoDatabase).as("file").isEqualTo("from_file");
        assertThat(serve.shutdownTimeout).as("file").isEqualTo(1234);
        assertThat(serve.metricsPort).as("file").isEqualTo(9102);
        assertThat(serve.maxBodySize).as("default").isEqualTo(8_388_608);
        assertThat(serve.tlsCert).as("no default").isNull();

        ServeCommand withoutFlag = parse("--config", config.toString());
        assertThat(withoutFlag.port).isEqualTo(7002);
        environment.remove("BCS_STORAGE_PORT");
        assertThat(parse("--config", config.toString()).port).isEqualTo(7001);
        assertThat(parse().port).isEqualTo(8080);
    }

    @Test
    void theConfigFileCanBeNamedByTheEnvironment() throws Exception {
        Path config = Files.writeString(dir.resolve("c.properties"), "data-dir=/var/lib/bcs-storage\nauth-token-file=/etc/bcs/token\n");
        environment.put("BCS_STORAGE_CONFIG", config.toString());
        ServeCommand serve = parse();
        assertThat(serve.dataDir).isEqualTo(Path.of("/var/lib/bcs-storage"));
        assertThat(serve.authTokenFile).isEqualTo(Path.of("/etc/bcs/token"));
    }

    @Test
    void aKeyThatNamesNoOptionIsAnError() throws Exception {
        Path config = Files.writeString(dir.resolve("typo.properties"), "zk-conect=zk:2181\n");
        assertThatThrownBy(() -> parse("--config", config.toString())).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("[zk-conect]");
        assertThatThrownBy(() -> parse("--config", dir.resolve("absent").toString()))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("absent");
    }

    @Test
    void everyOptionCanComeFromTheEnvironmentAndTheFileAndHelpNamesItsVariableAndDefault() throws Exception {
        CommandLine commandLine = new CommandLine(new ServeCommand());
        commandLine.setDefaultValueProvider(new LayeredDefaults(environment::get));
        StringWriter help = new StringWriter();
        commandLine.usage(new PrintWriter(help));
        List<OptionSpec> options = commandLine.getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
        assertThat(options).hasSizeGreaterThanOrEqualTo(17);
        for (OptionSpec option : options) {
            assertThat(help.toString()).contains(option.longestName());
            assertThat(String.join(" ", option.description())).as(option.longestName() + " names its variable")
                    .contains(LayeredDefaults.environmentVariable(option));
        }
        assertThat(help.toString()).contains("Default: 8080", "Default: 30000", "Default: etc/cluster");
    }
}
