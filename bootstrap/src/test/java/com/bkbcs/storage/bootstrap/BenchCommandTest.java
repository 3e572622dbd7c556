package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The shipped benchmark runs end to end (tiny counts: this checks it works, it measures nothing). */
class BenchCommandTest {

    /**
     * Every phase of a run on the embedded store, with 2 clusters, the restart and the overwrites, in
     * the table and in the JSON document; the ratios are the two numbers they compare.
     */
    @Test
    void runsEveryPhaseAgainstTheEmbeddedServiceWithoutErrorsAndWritesThemAsJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        StringWriter output = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(output))
                .execute("bench", "--resources", "200", "--queries", "20", "--clients", "4", "--clusters", "2",
                        "--overwrites", "2", "--startup", "--json", json.toString());

        assertThat(exit).isZero();
        List<String> rows = output.toString().lines().skip(1).takeWhile(line -> !line.isEmpty()).toList();
        List<String> phases = List.of("put pod (~3.5 KB)", "get pod by identity", "raw driver: replaceOne upsert by _id",
                "raw driver: find by _id", "list namespace, limit 100", "list namespace, field projection",
                "typed query: Pending, createTime window", "labelSelector over the cluster",
                "filtered namespace list (one node)", "fill 1 more clusters (put pod)",
                "typed query: Pending, createTime window, 2 clusters", "labelSelector over the cluster, 2 clusters",
                "filtered namespace list (one node), 2 clusters", "put pod while 4 watch", "watch: write acked -> delivered",
                "start until /readyz 200", "overwrite 2000 docs of ~1 KB, 2 s");
        assertThat(rows).hasSize(phases.size());
        for (int i = 0; i < phases.size(); i++) {
            assertThat(rows.get(i)).startsWith(phases.get(i)).matches(".*\\s0$");
        }
        assertThat(output.toString()).contains("PUT vs raw driver upsert by _id", "store file vs live data");

        JsonNode run = new ObjectMapper().readTree(json.toFile());
        assertThat(run.get("store").asText()).isEqualTo("embedded");
        assertThat(run.get("resources").asInt()).isEqualTo(200);
        assertThat(run.get("clusters").asInt()).isEqualTo(2);
        assertThat(run.get("date").asText()).isNotBlank();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        run.get("phases").forEach(phase -> byName.put(phase.get("name").asText(), phase));
        assertThat(byName.keySet()).containsExactlyElementsOf(phases);
        assertThat(byName.values()).allSatisfy(phase -> {
            assertThat(phase.get("requests").asInt()).isPositive();
            assertThat(phase.get("perSecond").asDouble()).isPositive();
            assertThat(phase.get("errors").asInt()).isZero();
            assertThat(phase.get("maxMs").asDouble()).isGreaterThanOrEqualTo(phase.get("p50Ms").asDouble());
        });
        // every 10th pod is Pending: a window of 200 pods holds 20
        assertThat(byName.get("typed query: Pending, createTime window").get("hitsOfFirstRequest").asInt()).isEqualTo(20);
        assertThat(byName.get("labelSelector over the cluster, 2 clusters").get("hitsOfFirstRequest").asInt()).isEqualTo(4);
        assertThat(byName.get("filtered namespace list (one node)").get("hitsOfFirstRequest").asInt()).isEqualTo(1);
        assertThat(byName.get("start until /readyz 200").get("readyMs").asDouble()).isPositive();
        assertThat(byName.get("overwrite 2000 docs of ~1 KB, 2 s").get("storeFileBytesAfter").asLong()).isPositive();

        Map<String, JsonNode> comparisons = new LinkedHashMap<>();
        run.get("comparisons").forEach(c -> comparisons.put(c.get("name").asText(), c));
        assertThat(comparisons).containsOnlyKeys("PUT vs raw driver upsert by _id", "GET vs raw driver find by _id",
                "typed query: Pending, createTime window p50, 1 vs 2 clusters",
                "labelSelector over the cluster p50, 1 vs 2 clusters", "filtered namespace list (one node) p50, 1 vs 2 clusters");
        assertThat(comparisons.values()).allSatisfy(c -> {
            assertThat(c.get("ratio").asDouble()).isCloseTo(c.get("measured").asDouble() / c.get("baseline").asDouble(),
                    within(0.01));
            assertThat(c.get("errors").asInt()).isZero();
        });
        assertRatioOf(comparisons.get("PUT vs raw driver upsert by _id"), byName.get("put pod (~3.5 KB)"),
                byName.get("raw driver: replaceOne upsert by _id"), "perSecond");
        assertRatioOf(comparisons.get("GET vs raw driver find by _id"), byName.get("get pod by identity"),
                byName.get("raw driver: find by _id"), "perSecond");
        assertRatioOf(comparisons.get("labelSelector over the cluster p50, 1 vs 2 clusters"),
                byName.get("labelSelector over the cluster, 2 clusters"), byName.get("labelSelector over the cluster"), "p50Ms");

        assertThat(run.get("storeSizes")).isNotEmpty().allSatisfy(size -> {
            assertThat(size.get("fileBytes").asLong()).isPositive();
            assertThat(size.get("liveBytes").asLong()).isPositive();
            assertThat(size.get("ratio").asDouble())
                    .isCloseTo((double) size.get("fileBytes").asLong() / size.get("liveBytes").asLong(), within(0.01));
        });
    }

    /** The mixed soak: every kind of request of the mix answered, a rate per 10 s, the last against the first. */
    @Test
    void theSoakMixesEveryKindOfRequestWithoutErrors(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("soak.json");
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(output)).setErr(new PrintWriter(errors))
                .execute("bench", "--store", "memory", "--resources", "100", "--queries", "0", "--watchers", "0",
                        "--clients", "2", "--soak", "10", "--json", json.toString());

        assertThat(exit).isZero();
        assertThat(errors.toString()).containsPattern("soak requests/s per 10 s: [1-9][0-9]*\\R");
        JsonNode run = new ObjectMapper().readTree(json.toFile());
        JsonNode soak = null;
        for (JsonNode phase : run.get("phases")) {
            if (phase.get("name").asText().equals("soak: mixed, 10 s")) {
                soak = phase;
            }
        }
        assertThat(soak).as("the soak phase").isNotNull();
        assertThat(soak.get("requests").asInt()).isGreaterThanOrEqualTo(10);
        assertThat(soak.get("errors").asInt()).isZero();
        JsonNode comparison = run.get("comparisons").get(run.get("comparisons").size() - 1);
        assertThat(comparison.get("name").asText()).isEqualTo("soak requests/s, first vs last 10 s");
        assertThat(comparison.get("baseline").asDouble()).isPositive();
        assertThat(comparison.get("ratio").asDouble())
                .isCloseTo(comparison.get("measured").asDouble() / comparison.get("baseline").asDouble(), within(0.01));
        assertThat(run.get("soakSeconds").asInt()).isEqualTo(10);
    }

    private static void assertRatioOf(JsonNode comparison, JsonNode measured, JsonNode baseline, String field) {
        assertThat(comparison.get("measured").asDouble()).isCloseTo(measured.get(field).asDouble(), within(0.01));
        assertThat(comparison.get("baseline").asDouble()).isCloseTo(baseline.get(field).asDouble(), within(0.01));
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
