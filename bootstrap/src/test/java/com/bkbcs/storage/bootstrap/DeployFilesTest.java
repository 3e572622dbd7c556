package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files in {@code deploy/} against the code, since no container engine runs here: every
 * variable, option key, port and probe they use exists, and they agree with each other.
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    /** What the service answers without a token on the --metrics-port, for probes. */
    private static final Set<String> PROBE_PATHS = Set.of("/healthz", "/readyz");

    private static final Set<String> variables = new HashSet<>();
    private static final Set<String> fileKeys = new HashSet<>();
    private static final Map<String, JsonNode> manifests = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        for (OptionSpec option : new CommandLine(new Main()).getSubcommands().get("serve").getCommandSpec().options()) {
            variables.add(LayeredDefaults.environmentVariable(option));
            fileKeys.add(LayeredDefaults.fileKey(option));
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                JsonNode manifest = yaml.readTree(file.toFile());
                manifests.put(manifest.get("kind").asText(), manifest);
            }
        }
    }

    private static Map<String, String> configMap() {
        Map<String, String> data = new HashMap<>();
        manifests.get("ConfigMap").get("data").fields().forEachRemaining(entry -> data.put(entry.getKey(), entry.getValue().asText()));
        return data;
    }

    private static JsonNode container() {
        return manifests.get("Deployment").at("/spec/template/spec/containers/0");
    }

    private static int containerPort(String name) {
        for (JsonNode port : container().get("ports")) {
            if (port.get("name").asText().equals(name)) {
                return port.get("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + name);
    }

    @Test
    void theManifestsAreAConfigMapADeploymentAndAService() {
        assertThat(manifests).containsOnlyKeys("ConfigMap", "Deployment", "Service");
        assertThat(manifests.get("Deployment").at("/spec/replicas").asInt()).isGreaterThan(1);
    }

    @Test
    void everyVariableTheManifestsSetIsAnOptionOfServe() {
        assertThat(configMap().keySet()).isNotEmpty().allSatisfy(name -> assertThat(variables).contains(name));
        List<String> env = new ArrayList<>();
        container().get("env").forEach(variable -> env.add(variable.get("name").asText()));
        assertThat(env).contains("BCS_STORAGE_MONGO_URI").allSatisfy(name -> assertThat(variables).contains(name));
        assertThat(configMap()).containsKey("BCS_STORAGE_ZK_CONNECT");
        assertThat(container().at("/envFrom/0/configMapRef/name").asText())
                .isEqualTo(manifests.get("ConfigMap").at("/metadata/name").asText());
    }

    @Test
    void portsProbesAndTheServiceAgreeWithTheConfiguration() {
        Map<String, String> config = configMap();
        assertThat(containerPort("http")).isEqualTo(Integer.parseInt(config.get("BCS_STORAGE_PORT")));
        assertThat(containerPort("metrics")).isEqualTo(Integer.parseInt(config.get("BCS_STORAGE_METRICS_PORT")));
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            JsonNode get = container().get(probe).get("httpGet");
            assertThat(PROBE_PATHS).as(probe).contains(get.get("path").asText());
            assertThat(get.get("port").asText()).as(probe + " port").isEqualTo("metrics");
        }
        assertThat(container().at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(container().at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        for (JsonNode port : manifests.get("Service").at("/spec/ports")) {
            containerPort(port.get("targetPort").asText());
        }
        assertThat(manifests.get("Service").at("/spec/selector"))
                .isEqualTo(manifests.get("Deployment").at("/spec/template/metadata/labels"));
    }

    @Test
    void theGracePeriodOutlastsTheShutdownTimeout() {
        long shutdownSeconds = Long.parseLong(configMap().get("BCS_STORAGE_SHUTDOWN_TIMEOUT")) / 1000;
        assertThat(manifests.get("Deployment").at("/spec/template/spec/terminationGracePeriodSeconds").asLong())
                .isGreaterThanOrEqualTo(shutdownSeconds + 10);
    }

    @Test
    void theImageRunsServeAsAnotherUserThanRootWithItsHealthCheckOnTheMetricsPort() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        Map<String, String> env = new HashMap<>();
        Matcher assignment = Pattern.compile("(BCS_STORAGE_[A-Z_]+)=(\\S+)").matcher(dockerfile);
        while (assignment.find()) {
            env.put(assignment.group(1), assignment.group(2));
        }
        assertThat(env.keySet()).isNotEmpty().allSatisfy(name -> assertThat(variables).contains(name));
        Matcher exposed = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(dockerfile);
        assertThat(exposed.find()).isTrue();
        assertThat(exposed.group(1).trim().split("\\s+")).containsExactlyInAnyOrder(env.get("BCS_STORAGE_PORT"),
                env.get("BCS_STORAGE_METRICS_PORT"));
        assertThat(dockerfile).contains("http://127.0.0.1:" + env.get("BCS_STORAGE_METRICS_PORT") + "/healthz");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(user.group(1)).isEqualTo(manifests.get("Deployment").at("/spec/template/spec/securityContext/runAsUser").asText());
        assertThat(dockerfile).containsPattern("ENTRYPOINT \\[.*\"-jar\", \"[^\"]+bcs-storage.jar\", \"serve\"\\]");
        // the jar the Dockerfile copies is the one the build makes
        assertThat(dockerfile).contains("COPY bootstrap/target/bcs-storage.jar ");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<outputFile>${project.build.directory}/bcs-storage.jar</outputFile>");
    }

    @Test
    void everyKeyOfTheExampleConfigurationIsAnOptionOfServe() throws IOException {
        Properties example = new Properties();
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("config").resolve("serve.properties"))) {
            example.load(reader);
        }
        assertThat(example.stringPropertyNames()).isNotEmpty().allSatisfy(key -> assertThat(fileKeys).contains(key));
        assertThat(example.getProperty("mongo-uri")).contains("replicaSet=", "w=majority", "journal=true", "readPreference=");
        assertThat(example.getProperty("zk-connect").split(",")).hasSize(3);
    }
}
