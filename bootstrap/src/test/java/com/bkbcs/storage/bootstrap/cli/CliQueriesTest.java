package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.bootstrap.RunningApp;
import com.bkbcs.storage.bootstrap.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** query, events, alarms and completion end to end. */
class CliQueriesTest {
    private static RunningApp app;
    private static Cli cli;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void aTypedQueryTakesItsParametersAsParam() {
        String pods = "kind: Pod\nmetadata: {name: a, namespace: n1}\nstatus: {phase: Running, hostIP: 10.0.0.1}\n---\n"
                + "kind: Pod\nmetadata: {name: b, namespace: n2}\nstatus: {phase: Running, hostIP: 10.0.0.2}\n---\n"
                + "kind: Pod\nmetadata: {name: c, namespace: n1}\nstatus: {phase: Failed, hostIP: 10.0.0.1}\n";
        assertThat(cli.run(pods, false, "apply", "-c", cluster, "-f", "-").code()).isZero();

        Cli.Result running = cli.run("query", "pod", "-c", cluster, "--param", "status=Running");
        assertThat(running.code()).as(running.err()).isZero();
        assertThat(running.lines()).hasSize(3);
        assertThat(running.lines().get(0)).matches("NAME +NAMESPACE +TYPE +AGE");
        assertThat(running.lines().get(1)).matches("a +n1 +Pod +\\d+s");
        assertThat(running.lines().get(2)).matches("b +n2 +Pod +\\d+s");

        assertThat(cli.run("query", "pod", "-c", cluster, "-p", "hostIp=10.0.0.1", "-n", "n1", "-o", "name").out())
                .isEqualTo("pod/a\npod/c\n");
        assertThat(cli.run("query", "pod", "-c", cluster, "-p", "status=Running", "-p", "hostIp=10.0.0.2",
                "--field", "resourceName", "-o", "json").out().replaceAll("\\s", "")).isEqualTo("[{\"resourceName\":\"b\"}]");
        assertThat(cli.run("query", "namespace", "-c", cluster, "-p", "used=1").out()).isEqualTo("NAME   NAMESPACE   TYPE     AGE\n"
                + "n1     <none>      <none>   <none>\nn2     <none>      <none>   <none>\n");
        assertThat(cli.run("query", "namespace", "-c", cluster, "-p", "used=1", "-o", "yaml").out()).isEqualTo("- n1\n- n2\n");
    }

    @Test
    void eventsAndAlarmsNewestFirstFilteredAndSince() throws Exception {
        long now = Instant.now().getEpochSecond();
        putEvent("{\"env\":\"k8s\",\"kind\":\"pod\",\"level\":\"warning\",\"component\":\"kubelet\",\"type\":\"killing\","
                + "\"describe\":\"Stopping container web\",\"clusterId\":\"" + cluster + "\",\"eventTime\":" + (now - 1800)
                + ",\"extraInfo\":{\"name\":\"web\",\"namespace\":\"default\",\"kind\":\"application\"}}");
        putEvent("{\"env\":\"k8s\",\"kind\":\"pod\",\"level\":\"normal\",\"component\":\"scheduler\",\"type\":\"scheduled\","
                + "\"describe\":\"Assigned web-1 to node-2\",\"clusterId\":\"" + cluster + "\",\"eventTime\":" + (now - 60)
                + ",\"extraInfo\":{\"name\":\"web\",\"namespace\":\"default\",\"kind\":\"application\"}}");
        putEvent("{\"level\":\"warning\",\"type\":\"oom\",\"clusterId\":\"" + cluster + "\",\"eventTime\":" + (now - 7200) + "}");

        Cli.Result all = cli.run("events", "-c", cluster);
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.lines()).hasSize(4);
        assertThat(all.lines().get(0)).matches("TIME +LEVEL +KIND +TYPE +COMPONENT +OBJECT +MESSAGE");
        assertThat(all.lines().get(1)).matches("20\\S+Z +normal +pod +scheduled +scheduler +default/web +Assigned web-1 to node-2");
        assertThat(all.lines().get(2)).matches("20\\S+Z +warning +pod +killing +kubelet +default/web +Stopping container web");
        assertThat(all.lines().get(3)).matches("20\\S+Z +warning +<none> +oom +<none> +<none>/<none> +<none>");

        assertThat(cli.run("events", "-c", cluster, "--since", "1h", "-o", "json", "--field", "type").out().replaceAll("\\s", ""))
                .isEqualTo("[{\"type\":\"scheduled\"},{\"type\":\"killing\"}]");
        assertThat(cli.run("events", "-c", cluster, "--level", "warning", "--limit", "1", "-o", "yaml", "--field", "type").out())
                .isEqualTo("- type: killing\n");
        assertThat(cli.run("events", "-c", cluster, "--until", "1h", "--field", "type", "-o", "json").out().replaceAll("\\s", ""))
                .isEqualTo("[{\"type\":\"oom\"}]");

        send("POST", "/alarms", "{\"clusterId\":\"" + cluster + "\",\"namespace\":\"test\",\"message\":\"disk full\","
                + "\"source\":\"127.0.0.4:52328\",\"module\":\"bcs-health\",\"type\":\"weixin\",\"receivedTime\":" + (now - 10) + "}");
        send("POST", "/alarms", "{\"clusterId\":\"" + cluster + "\",\"namespace\":\"prod\",\"message\":\"old\","
                + "\"module\":\"scheduler\",\"type\":\"sms\",\"receivedTime\":" + (now - 90000) + "}");
        Cli.Result alarms = cli.run("alarms", "-c", cluster, "-o", "wide");
        assertThat(alarms.lines()).hasSize(3);
        assertThat(alarms.lines().get(0)).matches("TIME +CLUSTER +NAMESPACE +MODULE +TYPE +SOURCE +MESSAGE");
        assertThat(alarms.lines().get(1)).matches("20\\S+Z +" + cluster + " +test +bcs-health +weixin +127\\.0\\.0\\.4:52328 +disk full");
        assertThat(cli.run("alarms", "-c", cluster, "--since", "1d", "-o", "name").lines()).hasSize(1).allMatch(l -> l.startsWith("alarm/"));
        assertThat(cli.run("alarms", "-c", cluster, "--module", "scheduler", "--field", "message", "-o", "json").out()
                .replaceAll("\\s", "")).isEqualTo("[{\"message\":\"old\"}]");
    }

    @Test
    void completionScriptsForBashAndZsh() {
        Cli.Result bash = Cli.runExactly("", false, "completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("complete -F _complete_bcs-storage").contains("--selector").contains("--chunk-size")
                .contains("watch").contains("apply");
        Cli.Result zsh = Cli.runExactly("", false, "completion", "zsh");
        assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
                .endsWith(bash.out());
        assertThat(Cli.runExactly("", false, "completion", "fish").code()).isEqualTo(2);
    }

    private static void putEvent(String json) throws Exception {
        send("PUT", "/events", json);
    }

    private static void send(String method, String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cli.server() + "/bcsstorage/v1" + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
