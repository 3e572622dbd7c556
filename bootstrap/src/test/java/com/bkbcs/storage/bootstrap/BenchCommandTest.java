package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped benchmark runs end to end (tiny counts: this checks it works, it measures nothing). */
class BenchCommandTest {

    @Test
    void runsEveryPhaseAgainstTheEmbeddedServiceWithoutErrors() {
        StringWriter output = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(output))
                .execute("bench", "--resources", "60", "--queries", "12", "--clients", "4");

        assertThat(exit).isZero();
        List<String> rows = output.toString().lines().skip(1).toList();
        // six phases, then the watch phase's two rows (the change-stream route is served)
        assertThat(rows).hasSize(8);
        assertThat(rows.get(6)).startsWith("put pod while 4 watch");
        assertThat(rows.get(7)).startsWith("watch: write acked -> delivered");
        assertThat(rows).allSatisfy(row -> assertThat(row).matches(".*\\s0$"));
        assertThat(rows.get(0)).startsWith("put pod").contains(" 60 ");
    }

    @Test
    void aServiceGivenByUrlIsLeftWithoutTheBenchsPods() throws Exception {
        try (RunningApp app = RunningApp.start(ServerConfig.memory())) {
            StringWriter output = new StringWriter();
            StringWriter errors = new StringWriter();
            int exit = new CommandLine(new Main()).setOut(new PrintWriter(output)).setErr(new PrintWriter(errors))
                    .execute("bench", "--url", "http://127.0.0.1:" + app.port(), "--resources", "30", "--queries", "4",
                            "--clients", "2");
            assertThat(exit).isZero();
            String cluster = errors.toString().replaceAll("(?s).*bench cluster (BENCH-[0-9a-f-]+).*", "$1");
            assertThat(cluster).startsWith("BENCH-");
            Http.Reply left = new Http(app.port()).get("/bcsstorage/v1/k8s/dynamic/all_resources/clusters/" + cluster + "/Pod");
            assertThat(left.status()).isEqualTo(200);
            assertThat(left.body().get("data")).isEmpty();
        }
    }

    @Test
    void podsAreShapedLikeTheDocumentsExampleAndAboutThreeAndAHalfKilobytes() {
        String pod = BenchCommand.pod(123);
        assertThat(pod.length()).isBetween(3000, 4500);
        assertThat(pod).contains("\"creationTimestamp\":\"2017-07-14T04:43:00Z\"", "\"app.kubernetes.io/name\":\"app-23\"");
    }
}
