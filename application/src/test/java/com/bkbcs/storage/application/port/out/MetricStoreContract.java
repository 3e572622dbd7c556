package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.metric.Metric;
import com.bkbcs.storage.domain.metric.MetricKey;
import com.bkbcs.storage.domain.metric.MetricQuery;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link MetricStore} must do, with the domain's reference semantics as the yardstick.
 * Each test gets a fresh, empty store.
 */
public abstract class MetricStoreContract {
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00.123Z");

    protected abstract MetricStore newStore();

    @Test
    void firstWriteSetsBothTimesLaterWritesKeepCreateTimeAndReplaceDataWhole() {
        MetricStore store = newStore();
        MetricKey key = new MetricKey("BCS-1", "ns", "cpu", "web");

        store.upsert(key, map("a", 1, "b", map("c", 2)), T0);
        assertThat(store.find(key)).contains(new Metric(key, map("a", 1, "b", map("c", 2)), T0, T0));

        store.upsert(key, map("b", 3), T0.plusSeconds(5));
        assertThat(store.find(key)).contains(new Metric(key, map("b", 3), T0, T0.plusSeconds(5)));
        store.upsert(key, null, T0.plusSeconds(6));
        assertThat(store.find(key).orElseThrow().data()).isNull();
    }

    /** As for resources: racing first writes leave one metric, createTime one of their times and never after updateTime. */
    @Test
    void racingFirstWritesNeverLeaveCreateTimeAfterUpdateTime() throws Exception {
        MetricStore store = newStore();
        try (RacingWrites writers = new RacingWrites(64)) {
            for (int round = 0; round < 10; round++) {
                MetricKey key = new MetricKey("BCS-1", "ns", "race", "m" + round);

                List<Instant> times = writers.race(T0, (writer, now) -> store.upsert(key, map("writer", writer), now));

                Metric metric = store.find(key).orElseThrow();
                assertThat(metric.createTime()).as("round %d", round).isIn(times).isBeforeOrEqualTo(metric.updateTime());
                assertThat(metric.updateTime()).as("round %d", round).isEqualTo(RacingWrites.latest(times));
            }
            assertThat(list(store, MetricQuery.all("BCS-1"))).hasSize(10);
        }
    }

    @Test
    void aWriteWithAnEarlierTimeThanTheStoredOneKeepsUpdateTime() {
        MetricStore store = newStore();
        MetricKey key = new MetricKey("BCS-1", "ns", "cpu", "late");

        store.upsert(key, map("v", 1), T0.plusSeconds(5));
        store.upsert(key, map("v", 2), T0.plusSeconds(3));

        assertThat(store.find(key)).contains(new Metric(key, map("v", 2), T0.plusSeconds(5), T0.plusSeconds(5)));
    }

    @Test
    void dataOfEveryJsonShapeAndHostileKeysRoundTrip() {
        MetricStore store = newStore();
        List<Object> shapes = Arrays.asList("text", 42, 1.5, false, List.of(1, map()), map(),
                map("app.kubernetes.io/name", "web", "$set", map("", "%2E"), "nul\u0000", List.of(map("a.b", null))));
        for (int i = 0; i < shapes.size(); i++) {
            MetricKey key = new MetricKey("c", "ns", "t", "m" + i);
            store.upsert(key, shapes.get(i), T0);
            ResourceStoreContract.assertSameJson(store.find(key).orElseThrow().data(), shapes.get(i));
        }
    }

    @Test
    void everyPartOfTheKeyCounts() {
        MetricStore store = newStore();
        store.upsert(new MetricKey("c", "ns", "cpu", "web"), "x", T0);

        assertThat(store.find(new MetricKey("c", "ns", "cpu", "web"))).isPresent();
        assertThat(store.find(new MetricKey("d", "ns", "cpu", "web"))).isEmpty();
        assertThat(store.find(new MetricKey("c", "ns2", "cpu", "web"))).isEmpty();
        assertThat(store.find(new MetricKey("c", "ns", "Cpu", "web"))).isEmpty();
        assertThat(store.find(new MetricKey("c", "ns", "cpu", "web2"))).isEmpty();
    }

    @Test
    void deleteReportsWhetherThereWasOneAndIsIdempotent() {
        MetricStore store = newStore();
        MetricKey key = new MetricKey("c", "ns", "cpu", "web");
        store.upsert(key, 1, T0);

        assertThat(store.delete(key)).isTrue();
        assertThat(store.delete(key)).isFalse();
        assertThat(store.find(key)).isEmpty();
    }

    @Test
    void listsOneClustersMetricsByIdInTheDocumentForm() {
        MetricStore store = newStore();
        store.upsert(new MetricKey("c", "ns2", "cpu", "a"), map("v", 1), T0);
        store.upsert(new MetricKey("c", "ns1", "mem", "b"), map("v", 2), T0.plusSeconds(1));
        store.upsert(new MetricKey("c", "ns1", "cpu", "b"), map("v", 3), T0);
        store.upsert(new MetricKey("other", "ns1", "cpu", "a"), map("v", 4), T0);

        List<Map<String, Object>> listed = list(store, MetricQuery.all("c"));

        assertThat(ids(listed)).containsExactly("c/ns1/cpu/b", "c/ns1/mem/b", "c/ns2/cpu/a");
        assertThat(listed.get(1)).isEqualTo(new Metric(new MetricKey("c", "ns1", "mem", "b"), map("v", 2),
                T0.plusSeconds(1), T0.plusSeconds(1)).toDocument());
        assertThat(listed.get(1).keySet()).containsExactly("_id", "clusterId", "namespace", "type", "name", "data",
                "createTime", "updateTime");
        assertThat(list(store, MetricQuery.all("nobody"))).isEmpty();
    }

    @Test
    void filtersProjectionsAndPagesAgreeWithTheReference() {
        MetricStore store = newStore();
        for (int i = 0; i < 12; i++) {
            store.upsert(new MetricKey("c", "ns" + (i % 3), i % 2 == 0 ? "cpu" : "mem", "m" + i),
                    map("i", i, "labels", map("app.kubernetes.io/name", i % 4 == 0 ? "web" : "db"), "0", i % 2), T0);
        }
        List<ResourceFilter> filters = List.of(ResourceFilter.ALL,
                filter(anyOf("namespace", "ns1", "ns2")),
                filter(anyOf("type", "cpu"), anyOf("name", "m0", "m4", "m5")),
                filter(new Condition.AnyOf(FieldPath.of("data", "labels", "app.kubernetes.io/name"), List.of("web"))),
                filter(anyOf("data.0", 1L)));
        List<Map<String, Object>> everything = list(store, MetricQuery.all("c"));
        for (ResourceFilter filter : filters) {
            List<Map<String, Object>> reference = everything.stream().filter(filter::matches).toList();
            assertThat(list(store, new MetricQuery("c", filter, Projection.ALL, Page.ALL))).as("%s", filter)
                    .isEqualTo(reference);
            List<Map<String, Object>> pages = new ArrayList<>();
            for (int offset = 0; offset <= reference.size(); offset += 4) {
                pages.addAll(list(store, new MetricQuery("c", filter, Projection.ALL, Page.of(offset, 4))));
            }
            assertThat(pages).as("pages of %s", filter).isEqualTo(reference);
        }
        Projection projection = new Projection(List.of(FieldPath.parse("name"), FieldPath.parse("data.labels")));
        assertThat(list(store, new MetricQuery("c", ResourceFilter.ALL, projection, Page.ALL)))
                .isEqualTo(everything.stream().map(projection::apply).toList());
    }

    @Test
    void clusterIdsAreTheSortedDistinctClustersThatHaveMetrics() {
        MetricStore store = newStore();
        assertThat(store.clusterIds()).isEmpty();
        store.upsert(new MetricKey("b", "ns", "cpu", "x"), 1, T0);
        store.upsert(new MetricKey("a", "ns", "cpu", "x"), 1, T0);
        store.upsert(new MetricKey("b", "ns", "mem", "x"), 1, T0);
        store.upsert(new MetricKey("c", "ns", "mem", "x"), 1, T0);

        assertThat(store.clusterIds()).containsExactly("a", "b", "c");
        store.delete(new MetricKey("c", "ns", "mem", "x"));
        assertThat(store.clusterIds()).containsExactly("a", "b");
    }

    // ---------------------------------------------------------------- helpers

    protected static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Condition anyOf(String path, Object... values) {
        return new Condition.AnyOf(FieldPath.parse(path), Arrays.asList(values));
    }

    private static ResourceFilter filter(Condition... conditions) {
        return new ResourceFilter(List.of(conditions));
    }

    private static List<Map<String, Object>> list(MetricStore store, MetricQuery query) {
        try (Stream<Map<String, Object>> documents = store.list(query)) {
            return documents.collect(Collectors.toList());
        }
    }

    private static List<String> ids(List<Map<String, Object>> documents) {
        return documents.stream().map(doc -> (String) doc.get("_id")).toList();
    }
}
