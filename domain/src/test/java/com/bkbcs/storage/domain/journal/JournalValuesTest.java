package com.bkbcs.storage.domain.journal;

import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.alarm.Alarm;
import com.bkbcs.storage.domain.event.Event;
import com.bkbcs.storage.domain.event.ExtraInfo;
import com.bkbcs.storage.domain.host.Host;
import com.bkbcs.storage.domain.metric.MetricKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal, metric and host values: reported times, document forms, identities and retention rules. */
class JournalValuesTest {

    @ParameterizedTest
    @CsvSource({
            "0, 1970-01-01T00:00:00Z",
            "1509423130, 2017-10-31T04:12:10Z",
            "-62135596800, 0001-01-01T00:00:00Z",
            "253402300799, 9999-12-31T23:59:59Z",
    })
    void unixSecondsAreInstants(long seconds, String instant) {
        assertThat(UnixTime.ofSeconds(seconds)).isEqualTo(Instant.parse(instant));
    }

    @Test
    void secondsBeyondMillisecondDatesAreClampedNotRefused() {
        assertThat(UnixTime.ofSeconds(Long.MAX_VALUE)).isEqualTo(Instant.ofEpochSecond(Long.MAX_VALUE / 1000));
        assertThat(UnixTime.ofSeconds(Long.MIN_VALUE)).isEqualTo(Instant.ofEpochSecond(Long.MIN_VALUE / 1000));
        assertThat(UnixTime.ofSeconds(Long.MAX_VALUE).toEpochMilli()).isLessThanOrEqualTo(Long.MAX_VALUE);
        assertThat(UnixTime.ofSeconds(Long.MIN_VALUE).toEpochMilli()).isGreaterThanOrEqualTo(Long.MIN_VALUE);
    }

    @Test
    void eventAndAlarmDocumentsFollowTheirKindsFieldOrder() {
        Event event = new Event("", "k8s", "pod", "warning", "kubelet", "killing", "d", "c", Instant.EPOCH,
                new ExtraInfo("web", "default", "application"), Map.of("a", 1));
        Alarm alarm = new Alarm("c", "ns", "m", "s", "mod", "sms", Instant.EPOCH, null);

        Map<String, Object> eventDocument = event.toDocument("id1", Instant.EPOCH.plusSeconds(5));
        assertThat(eventDocument.keySet()).containsExactlyElementsOf(JournalKind.EVENTS.fields());
        assertThat(eventDocument).containsEntry("_id", "id1").containsEntry("id", "")
                .containsEntry("createTime", Instant.EPOCH.plusSeconds(5))
                .containsEntry("extraInfo", Map.of("name", "web", "namespace", "default", "kind", "application"));
        assertThat(alarm.toDocument("id2", Instant.EPOCH).keySet()).containsExactlyElementsOf(JournalKind.ALARMS.fields());
        assertThat(event.journal()).isEqualTo(JournalKind.EVENTS);
        assertThat(alarm.journal()).isEqualTo(JournalKind.ALARMS);
        assertThat(alarm.time()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void reportedDataIsFrozenAndChecked() {
        assertThatThrownBy(() -> new Alarm("c", "", "", "", "", "", Instant.EPOCH, Map.of("n", Double.NaN)))
                .isInstanceOf(StorageException.class).hasMessage("numbers must be finite");
        Event event = new Event("", "", "", "", "", "", "", "", Instant.EPOCH, ExtraInfo.NONE, new java.util.ArrayList<>(List.of(1)));
        assertThatThrownBy(() -> ((List<?>) event.data()).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void retentionPoliciesAreNonNegativeAndZeroDisables() {
        assertThat(new RetentionPolicy(15, 10_000).maxAge()).contains(Duration.ofDays(15));
        assertThat(new RetentionPolicy(0, 10).maxAge()).isEmpty();
        assertThat(new RetentionPolicy(1, 0).perClusterLimit()).isEmpty();
        assertThat(new RetentionPolicy(1, 7).perClusterLimit()).hasValue(7);
        assertThatThrownBy(() -> new RetentionPolicy(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void journalQueriesDropRepeatedClusters() {
        assertThat(JournalQuery.ofClusters("a", "b", "a").clusterIds()).containsExactly("a", "b");
        assertThat(JournalQuery.all().clusterIds()).isEmpty();
    }

    @Test
    void metricAndHostIdentities() {
        assertThat(new MetricKey("c", "ns", "cpu", "web").id()).isEqualTo("c/ns/cpu/web");
        assertThatThrownBy(() -> new MetricKey("c", "n/s", "cpu", "web")).isInstanceOf(StorageException.class)
                .hasMessage("namespace must not contain '/'");
        assertThat(Host.requireCluster(Host.NO_CLUSTER)).isEmpty();
        assertThatThrownBy(() -> Host.requireCluster("a$")).hasMessage("clusterId must not contain '$'");
        assertThatThrownBy(() -> Host.requireIp("")).hasMessage("ip must not be empty");
        Host host = new Host("10.0.0.1", "c", null, Instant.EPOCH, Instant.EPOCH);
        assertThat(host.toDocument().keySet()).containsExactly("_id", "ip", "clusterId", "data", "createTime", "updateTime");
        assertThat(host.toDocument().get("_id")).isEqualTo("10.0.0.1");
    }
}
