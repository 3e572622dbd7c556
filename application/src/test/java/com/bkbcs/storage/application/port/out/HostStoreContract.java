package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.host.Host;
import com.bkbcs.storage.domain.host.HostQuery;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link HostStore} must do. Each test gets a fresh, empty store. */
public abstract class HostStoreContract {
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00.123Z");
    private static final Instant T1 = T0.plusSeconds(60);

    protected abstract HostStore newStore();

    @Test
    void upsertKeepsCreateTimeAndReplacesClusterAndData() {
        HostStore store = newStore();
        store.upsert("10.0.0.1", "BCS-1", map("cpu", 8), T0);
        assertThat(store.find("10.0.0.1")).contains(new Host("10.0.0.1", "BCS-1", map("cpu", 8), T0, T0));

        store.upsert("10.0.0.1", Host.NO_CLUSTER, List.of("any", "json"), T1);
        assertThat(store.find("10.0.0.1")).contains(new Host("10.0.0.1", Host.NO_CLUSTER, List.of("any", "json"), T0, T1));
        assertThat(store.find("10.0.0.2")).isEmpty();
    }

    /**
     * Racing first writes of one ip, by upserts and by assignments, each with its own time: one host,
     * createTime one of the times and never after updateTime, the latest of them.
     */
    @Test
    void racingFirstWritesNeverLeaveCreateTimeAfterUpdateTime() throws Exception {
        HostStore store = newStore();
        try (RacingWrites writers = new RacingWrites(64)) {
            for (int round = 0; round < 10; round++) {
                String ip = "10.1.0." + round;

                List<Instant> times = writers.race(T0, (writer, now) -> {
                    if (writer % 2 == 0) {
                        store.upsert(ip, "BCS-1", map("writer", writer), now);
                    } else {
                        store.assign("BCS-1", List.of(ip), false, now);
                    }
                });

                Host host = store.find(ip).orElseThrow();
                assertThat(host.createTime()).as("round %d", round).isIn(times).isBeforeOrEqualTo(host.updateTime());
                assertThat(host.updateTime()).as("round %d", round).isEqualTo(RacingWrites.latest(times));
            }
            assertThat(list(store, HostQuery.all("BCS-1"))).hasSize(10);
        }
    }

    @Test
    void writesWithAnEarlierTimeThanTheStoredOneKeepUpdateTime() {
        HostStore store = newStore();
        store.upsert("10.0.0.1", "BCS-1", map("cpu", 8), T1);
        store.upsert("10.0.0.1", "BCS-1", map("cpu", 4), T0);
        store.assign("BCS-2", List.of("10.0.0.1"), false, T0);

        assertThat(store.find("10.0.0.1")).contains(new Host("10.0.0.1", "BCS-2", map("cpu", 4), T1, T1));
        store.assign("BCS-3", List.of("10.0.0.9"), true, T0);
        store.assign("BCS-2", List.of(), true, T0);
        assertThat(store.find("10.0.0.1")).contains(new Host("10.0.0.1", Host.NO_CLUSTER, map("cpu", 4), T1, T1));
    }

    @Test
    void hostileKeysInDataRoundTrip() {
        HostStore store = newStore();
        Map<String, Object> data = map("a.b", 1, "$x", map("", null), "%", List.of(map("\u0000", true)));
        store.upsert("fe80::1", "c", data, T0);
        assertThat(store.find("fe80::1").orElseThrow().data()).isEqualTo(data);
    }

    @Test
    void deleteReportsWhetherThereWasOneAndIsIdempotent() {
        HostStore store = newStore();
        store.upsert("10.0.0.1", "c", null, T0);

        assertThat(store.delete("10.0.0.1")).isTrue();
        assertThat(store.delete("10.0.0.1")).isFalse();
        assertThat(store.find("10.0.0.1")).isEmpty();
    }

    @Test
    void listsTheClustersHostsByIpWithFiltersProjectionsAndPages() {
        HostStore store = newStore();
        store.upsert("10.0.0.3", "c", map("zone", "a"), T0);
        store.upsert("10.0.0.1", "c", map("zone", "b"), T0);
        store.upsert("10.0.0.2", "other", map("zone", "a"), T0);
        store.upsert("10.0.0.10", "c", map("zone", "a"), T1);
        store.upsert("10.0.0.4", Host.NO_CLUSTER, map("zone", "a"), T0);

        List<Map<String, Object>> listed = list(store, HostQuery.all("c"));

        assertThat(ips(listed)).containsExactly("10.0.0.1", "10.0.0.10", "10.0.0.3");
        assertThat(listed.get(1)).isEqualTo(new Host("10.0.0.10", "c", map("zone", "a"), T1, T1).toDocument());
        assertThat(listed.get(1).keySet()).containsExactly("_id", "ip", "clusterId", "data", "createTime", "updateTime");
        ResourceFilter zoneA = new ResourceFilter(List.of(new Condition.AnyOf(FieldPath.parse("data.zone"), List.of("a"))));
        assertThat(ips(list(store, new HostQuery("c", zoneA, Projection.ALL, Page.ALL)))).containsExactly("10.0.0.10", "10.0.0.3");
        assertThat(list(store, new HostQuery("c", ResourceFilter.ALL, new Projection(List.of(FieldPath.of("ip"))), Page.of(1, 1))))
                .containsExactly(map("ip", "10.0.0.10"));
        assertThat(list(store, HostQuery.all("nobody"))).isEmpty();
    }

    @Test
    void addingHostsCreatesMissingOnesMovesOwnedOnesAndKeepsTheClustersOthers() {
        HostStore store = newStore();
        store.upsert("10.0.0.1", "c", map("keep", "me"), T0);
        store.upsert("10.0.0.2", "other", map("moved", true), T0);

        store.assign("c", List.of("10.0.0.2", "10.0.0.3"), false, T1);

        assertThat(store.find("10.0.0.1")).contains(new Host("10.0.0.1", "c", map("keep", "me"), T0, T0));
        assertThat(store.find("10.0.0.2")).contains(new Host("10.0.0.2", "c", map("moved", true), T0, T1));
        assertThat(store.find("10.0.0.3")).contains(new Host("10.0.0.3", "c", null, T1, T1));
        assertThat(ips(list(store, HostQuery.all("c")))).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(list(store, HostQuery.all("other"))).isEmpty();
    }

    @Test
    void settingHostsMakesTheClusterOwnExactlyThemAndReleasesTheOthersWithoutDeletingThem() {
        HostStore store = newStore();
        store.upsert("10.0.0.1", "c", map("n", 1), T0);
        store.upsert("10.0.0.2", "c", map("n", 2), T0);
        store.upsert("10.0.0.5", "other", map("n", 5), T0);

        store.assign("c", List.of("10.0.0.2", "10.0.0.3"), true, T1);

        assertThat(ips(list(store, HostQuery.all("c")))).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(store.find("10.0.0.1")).contains(new Host("10.0.0.1", Host.NO_CLUSTER, map("n", 1), T0, T1));
        assertThat(store.find("10.0.0.2")).contains(new Host("10.0.0.2", "c", map("n", 2), T0, T1));
        assertThat(store.find("10.0.0.5")).contains(new Host("10.0.0.5", "other", map("n", 5), T0, T0));

        store.assign("c", List.of(), true, T1.plusSeconds(1));
        assertThat(list(store, HostQuery.all("c"))).isEmpty();
        assertThat(store.find("10.0.0.3").orElseThrow().clusterId()).isEqualTo(Host.NO_CLUSTER);
    }

    // ---------------------------------------------------------------- helpers

    protected static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Map<String, Object>> list(HostStore store, HostQuery query) {
        try (Stream<Map<String, Object>> documents = store.list(query)) {
            return documents.collect(Collectors.toList());
        }
    }

    private static List<String> ips(List<Map<String, Object>> documents) {
        return documents.stream().map(doc -> (String) doc.get("ip")).toList();
    }
}
