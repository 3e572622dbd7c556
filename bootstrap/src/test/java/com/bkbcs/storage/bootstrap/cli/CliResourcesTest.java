package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.bootstrap.RunningApp;
import com.bkbcs.storage.bootstrap.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** get, apply and delete end to end against a server on the memory store, in process. */
class CliResourcesTest {
    private static RunningApp app;
    private static Cli cli;

    private final String cluster = "BCS-K8S-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        app = RunningApp.start(ServerConfig.memory());
        cli = Cli.against("http://127.0.0.1:" + app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static final String MANIFESTS = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-1
              namespace: shop
              labels: {app: web, tier: front}
              creationTimestamp: "2020-01-01T00:00:00Z"
            status: {phase: Running, hostIP: 10.0.0.7, podIP: 172.16.0.9}
            spec: {nodeName: node-a}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: db-1
              labels: {app: db}
            status: {phase: Pending}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec: {replicas: 3}
            status: {readyReplicas: 2, availableReplicas: 2}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: node-a}
            spec: {externalID: 10.0.0.7}
            """;

    @Test
    void applyOfAMultiDocumentYamlThenGetShowsEveryObjectWhereAnAgentWouldHavePutIt() throws Exception {
        Path file = Files.writeString(dir.resolve("cluster.yaml"), MANIFESTS);
        Cli.Result applied = cli.run("apply", "-c", cluster, "-f", file.toString());
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.lines()).containsExactly("pod/web-1 applied", "pod/db-1 applied", "deployment/web applied",
                "node/node-a applied");

        Cli.Result pods = cli.run("get", "pods", "-c", cluster, "-A");
        assertThat(pods.code()).isZero();
        assertThat(pods.lines()).hasSize(3);
        assertThat(pods.lines().get(0)).matches("NAME +NAMESPACE +PHASE +HOST IP +AGE");
        assertThat(pods.lines().get(1)).matches("db-1 +default +Pending +<none> +\\d+s");
        assertThat(pods.lines().get(2)).matches("web-1 +shop +Running +10\\.0\\.0\\.7 +\\d+[dy]");

        Cli.Result inDefault = cli.run("get", "po", "-c", cluster);
        assertThat(inDefault.lines()).hasSize(2);
        assertThat(inDefault.lines().get(1)).startsWith("db-1 ");

        Cli.Result wide = cli.run("get", "pod", "web-1", "-n", "shop", "-c", cluster, "-o", "wide");
        assertThat(wide.lines().get(0)).matches("NAME +NAMESPACE +PHASE +HOST IP +POD IP +NODE +AGE +UPDATED");
        assertThat(wide.lines().get(1)).matches("web-1 +shop +Running +10\\.0\\.0\\.7 +172\\.16\\.0\\.9 +node-a +\\d+y? *\\S* +20\\d\\d-.*Z");

        Cli.Result deployments = cli.run("get", "deploy", "-n", "shop", "-c", cluster);
        assertThat(deployments.lines()).hasSize(2);
        assertThat(deployments.lines().get(1)).matches("web +shop +2/3 +\\d+s");

        Cli.Result nodes = cli.run("get", "nodes", "-c", cluster, "-o", "wide");
        assertThat(nodes.lines().get(0)).matches("NAME +EXTERNAL ID +AGE +UPDATED");
        assertThat(nodes.lines().get(1)).matches("node-a +10\\.0\\.0\\.7 +\\d+s +20\\d\\d-.*Z");
    }

    @Test
    void everyOutputFormatOfOneAndOfAList() throws Exception {
        Path file = Files.writeString(dir.resolve("cluster.yaml"), MANIFESTS);
        assertThat(cli.run("apply", "-c", cluster, "-f", file.toString()).code()).isZero();

        Cli.Result json = cli.run("get", "pod", "web-1", "-n", "shop", "-c", cluster, "-o", "json");
        assertThat(json.out()).startsWith("{\n  \"_id\": \"" + cluster + "/shop/Pod/web-1\",\n")
                .contains("\n      \"phase\": \"Running\",\n");
        Cli.Result yaml = cli.run("get", "pod", "web-1", "-n", "shop", "-c", cluster, "-o", "yaml");
        assertThat(yaml.out()).startsWith("_id: " + cluster + "/shop/Pod/web-1\n").contains("\n    phase: Running\n");
        Cli.Result name = cli.run("get", "pods", "-A", "-c", cluster, "-o", "name");
        assertThat(name.out()).isEqualTo("pod/db-1\npod/web-1\n");
        Cli.Result projected = cli.run("get", "pods", "-A", "-c", cluster, "-o", "json", "--field", "resourceName,data.status.phase");
        assertThat(projected.out().replaceAll("\\s", "")).isEqualTo(
                "[{\"resourceName\":\"db-1\",\"data\":{\"status\":{\"phase\":\"Pending\"}}},"
                        + "{\"resourceName\":\"web-1\",\"data\":{\"status\":{\"phase\":\"Running\"}}}]");
        Cli.Result yamlList = cli.run("get", "pods", "-A", "-c", cluster, "-o", "yaml", "--field", "resourceName");
        assertThat(yamlList.out()).isEqualTo("- resourceName: db-1\n- resourceName: web-1\n");
        Cli.Result selected = cli.run("get", "pods", "-A", "-c", cluster, "-l", "app=web", "-o", "name");
        assertThat(selected.out()).isEqualTo("pod/web-1\n");
        Cli.Result none = cli.run("get", "pods", "-c", cluster, "-n", "nothing-here");
        assertThat(none.code()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("No resources found.\n");
    }

    @Test
    void whatGetPrintsAsJsonOrYamlAppliesBackAndDryRunPrintsTheRequestsOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("cluster.yaml"), MANIFESTS);
        assertThat(cli.run("apply", "-c", cluster, "-f", file.toString()).code()).isZero();
        String other = cluster + "-copy";
        Cli.Result yaml = cli.run("get", "pods", "-A", "-c", cluster, "-o", "yaml");
        Cli.Result back = cli.run(yaml.out(), false, "apply", "-c", other, "-f", "-");
        assertThat(back.lines()).as(back.err()).containsExactly("pod/db-1 applied", "pod/web-1 applied");
        assertThat(cli.run("get", "pods", "-A", "-c", other, "-o", "name").out()).isEqualTo("pod/db-1\npod/web-1\n");

        Cli.Result dry = cli.run("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}", false,
                "apply", "-c", other, "-n", "ns1", "-f", "-", "--dry-run");
        assertThat(dry.code()).isZero();
        assertThat(dry.lines()).containsExactly(
                "PUT " + cli.server() + "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/" + other + "/namespaces/ns1/Pod/p",
                "{\"data\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"ns1\"}}}");
        assertThat(cli.run("get", "pod", "p", "-n", "ns1", "-c", other).code()).as("nothing was sent").isEqualTo(1);
    }

    @Test
    void applyOfADirectoryReadsItsJsonAndYamlFilesAndABadDocumentSendsNothing() throws Exception {
        Path manifests = Files.createDirectory(dir.resolve("manifests"));
        Files.writeString(manifests.resolve("a.json"), "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\",\"namespace\":\"ops\"},\"data\":{\"k\":\"v\"}}");
        Files.writeString(manifests.resolve("b.yml"), "kind: Namespace\nmetadata: {name: ops}\n");
        Files.writeString(manifests.resolve("notes.txt"), "not a manifest");
        Cli.Result applied = cli.run("apply", "-c", cluster, "-f", manifests.toString());
        assertThat(applied.lines()).as(applied.err()).containsExactly("configmap/cfg applied", "namespace/ops applied");
        assertThat(cli.run("get", "ns", "-c", cluster, "-o", "name").out()).isEqualTo("namespace/ops\n");

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "kind: Pod\nmetadata: {name: fine}\n---\nkind: Pod\nmetadata: {}\n");
        Cli.Result refused = cli.run("apply", "-c", cluster, "-f", bad.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: " + bad + ": Pod has no metadata.name\n");
        assertThat(cli.run("get", "pod", "fine", "-c", cluster).code()).as("the good one was not sent either").isEqualTo(1);

        Cli.Result mismatch = cli.run("kind: Pod\nmetadata: {name: x, namespace: a}\n", false, "apply", "-c", cluster, "-n", "b", "-f", "-");
        assertThat(mismatch.code()).isEqualTo(1);
        assertThat(mismatch.err()).contains("is 'a', which does not match -n 'b'");
    }

    @Test
    void aListOfAThousandIsPagedThroughAndLimitStopsEarly() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            many.append("kind: Pod\nmetadata: {name: p-").append(String.format("%04d", i)).append("}\n---\n");
        }
        Cli.Result applied = cli.run(many.toString(), false, "apply", "-c", cluster, "-f", "-");
        assertThat(applied.lines()).as(applied.err()).hasSize(1000);

        Cli.Result all = cli.run("get", "pods", "-c", cluster, "-o", "name", "--chunk-size", "70");
        assertThat(all.lines()).hasSize(1000).doesNotHaveDuplicates().isSorted();
        assertThat(all.lines().get(999)).isEqualTo("pod/p-0999");
        assertThat(all.err()).as("no progress without a terminal").isEmpty();

        Cli.Result limited = cli.run("get", "pods", "-c", cluster, "-o", "name", "--chunk-size", "100", "--limit", "250");
        assertThat(limited.lines()).hasSize(250).startsWith("pod/p-0000").endsWith("pod/p-0249");

        Cli.Result table = cli.run("", true, "get", "pods", "-c", cluster);
        assertThat(table.lines()).hasSize(1001);
        assertThat(table.err()).as("progress on a terminal").contains("fetched 500").endsWith("fetched 1000    \n");
    }

    @Test
    void deleteOneThenBySelectorAndByUpdateTimeCountingWhatWentAndAskingFirstOnATerminal() throws Exception {
        Path file = Files.writeString(dir.resolve("cluster.yaml"), MANIFESTS);
        assertThat(cli.run("apply", "-c", cluster, "-f", file.toString()).code()).isZero();
        String more = "kind: Pod\nmetadata: {name: web-2, namespace: shop, labels: {app: web}}\n---\n"
                + "kind: Pod\nmetadata: {name: web-3, namespace: shop, labels: {app: web}}\n";
        assertThat(cli.run(more, false, "apply", "-c", cluster, "-f", "-").code()).isZero();

        Cli.Result one = cli.run("delete", "pod", "db-1", "-c", cluster);
        assertThat(one.out()).isEqualTo("pod/db-1 deleted\n");
        Cli.Result again = cli.run("delete", "pod", "db-1", "-c", cluster);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("Error from server (HTTP 404): Get resource failed: resource does not exist\n");

        Cli.Result noTerminal = cli.run("delete", "pods", "-l", "app=web", "-n", "shop", "-c", cluster);
        assertThat(noTerminal.code()).isEqualTo(2);
        assertThat(noTerminal.err()).startsWith("delete: about to delete 3 Pod in namespace shop of cluster " + cluster
                + ": add --yes, there is no terminal to confirm on\n");

        Cli.Result declined = cli.run("n\n", true, "delete", "pods", "-l", "app=web", "-n", "shop", "-c", cluster);
        assertThat(declined.code()).isZero();
        assertThat(declined.err()).isEqualTo("Delete 3 Pod in namespace shop of cluster " + cluster + "? [y/N] Nothing deleted.\n");
        assertThat(cli.run("get", "pods", "-n", "shop", "-c", cluster, "-o", "name").lines()).hasSize(3);

        Cli.Result notOld = cli.run("delete", "pods", "-A", "--updated-before", "1h", "--yes", "-c", cluster);
        assertThat(notOld.out()).isEqualTo("0 deleted: no Pod in every namespace of cluster " + cluster + " matches\n");

        Cli.Result confirmed = cli.run("y\n", true, "delete", "pods", "-l", "app=web,tier!=front", "-n", "shop", "-c", cluster);
        assertThat(confirmed.out()).isEqualTo("2 deleted: Pod in namespace shop of cluster " + cluster + "\n");
        assertThat(cli.run("get", "pods", "-A", "-c", cluster, "-o", "name").out()).isEqualTo("pod/web-1\n");

        Cli.Result everything = cli.run("delete", "all-the-things", "--all", "-A", "--yes", "-c", cluster);
        assertThat(everything.out()).startsWith("0 deleted");
        Cli.Result old = cli.run("delete", "pods", "-A", "--updated-before", "0s", "--yes", "-c", cluster);
        assertThat(old.out()).isEqualTo("1 deleted: Pod in every namespace of cluster " + cluster + "\n");
        assertThat(cli.run("get", "pods", "-A", "-c", cluster).err()).isEqualTo("No resources found.\n");
        assertThat(cli.run("get", "nodes", "-c", cluster, "-o", "name").out()).as("other types stay").isEqualTo("node/node-a\n");
    }
}
