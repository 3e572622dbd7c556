package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.domain.journal.RetentionPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change history is kept for {@code --watch-history} and trimmed by the retention schedule: a
 * watch from a revision older than that answers 410 with the envelope, naming the oldest revision a
 * watch can start from, and the stored data is untouched.
 */
class ChangeHistoryExpiryTest {

    @Test
    void aWatchFromARevisionOlderThanTheHistoryKeptIsGoneAndNamesTheOldestHeld() throws Exception {
        RetentionConfig retention = new RetentionConfig(RetentionPolicy.DEFAULT, RetentionPolicy.DEFAULT, Duration.ZERO,
                Duration.ofMillis(200), Duration.ofSeconds(1));
        String cluster = "BCS-K8S-" + UUID.randomUUID();
        String pod = ServeSuite.V1 + "/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/ns/Pod/web";
        String watch = ServeSuite.V1 + "/k8s/dynamic/watch/clusters/" + cluster + "/Pod?since=";
        try (RunningApp app = RunningApp.start(ServerConfig.memory(), OperabilityConfig.defaults(), retention)) {
            Http http = new Http(app.port());
            assertThat(http.send("PUT", pod, "{\"data\":{\"v\":1}}").status()).isEqualTo(200);
            long written = http.get(pod).body().at("/data/revision").asLong();
            try (ChangeStream fresh = ChangeStream.open("http://127.0.0.1:" + app.port(), watch + (written - 1))) {
                assertThat(fresh.changesThrough(written, Duration.ofSeconds(5))).hasSize(1);
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Http.Reply gone = null;
            do {
                Thread.sleep(200);
                gone = http.get(watch + (written - 1) + "&timeoutSeconds=1"); // a stream while not yet gone
            } while (gone.status() != 410 && System.nanoTime() < deadline);

            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.body().get("result").asBoolean()).isFalse();
            assertThat(gone.body().get("code").asInt()).isEqualTo(10006);
            assertThat(gone.body().get("message").asText()).contains("revision " + (written - 1))
                    .contains("oldest revision a watch can start from is " + written);
            assertThat(http.get(pod).body().at("/data/data/v").asInt()).as("stored data is untouched").isEqualTo(1);
        }
    }
}
