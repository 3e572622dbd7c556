package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.alarm.Alarm;
import com.bkbcs.storage.domain.event.Event;
import com.bkbcs.storage.domain.event.ExtraInfo;
import com.bkbcs.storage.domain.journal.JournalEntry;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;
import com.bkbcs.storage.domain.journal.UnixTime;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Journal} must do, for both kinds, with the domain's reference semantics
 * ({@link Condition#test}, {@link Projection#apply}) as the yardstick. Each test gets a fresh, empty
 * journal, so totals and retention counts are exact.
 */
public abstract class JournalContract {
    protected static final Instant STORED = Instant.parse("2024-03-01T08:00:00.123Z");

    /** A new, empty journal of the kind. */
    protected abstract Journal newJournal(JournalKind kind);

    // ---------------------------------------------------------------- append and read back

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void anAppendedEntryComesBackAsItsDocumentInFieldOrder(JournalKind kind) {
        Journal journal = newJournal(kind);
        JournalEntry entry = entry(kind, "BCS-1", 1509423130, "killing",
                map("a", "1", "b", List.of(1, 2.5, map("c", null)), "app.kubernetes.io/name", "web", "$x", "y"));

        String id = journal.append(entry, STORED);

        List<Map<String, Object>> listed = list(journal, JournalQuery.ofClusters("BCS-1"));
        assertThat(id).isNotBlank();
        assertThat(listed).containsExactly(entry.toDocument(id, STORED));
        assertThat(listed.get(0).keySet()).containsExactlyElementsOf(kind.fields());
        assertThat(journal.kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void dataOfEveryJsonShapeRoundTrips(JournalKind kind) {
        Journal journal = newJournal(kind);
        List<Object> shapes = Arrays.asList(null, "text", "", 42, 1.5, true, List.of(), map(), List.of(1, "two", map()),
                map("nested", map("deeper", List.of(map("x", 1)))));
        for (int i = 0; i < shapes.size(); i++) {
            journal.append(entry(kind, "c", i, "shape", shapes.get(i)), STORED);
        }

        List<Object> data = list(journal, JournalQuery.all()).stream().map(doc -> doc.get("data")).toList();

        List<Object> newestFirst = new ArrayList<>(shapes);
        java.util.Collections.reverse(newestFirst);
        assertThat(data).hasSameSizeAs(newestFirst);
        for (int i = 0; i < data.size(); i++) {
            ResourceStoreContract.assertSameJson(data.get(i), newestFirst.get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void duplicatesAreKeptUnderDistinctIds(JournalKind kind) {
        Journal journal = newJournal(kind);
        JournalEntry entry = entry(kind, "c", 100, "dup", map());

        String first = journal.append(entry, STORED);
        String second = journal.append(entry, STORED);

        assertThat(first).isNotEqualTo(second);
        List<Map<String, Object>> listed = list(journal, JournalQuery.ofClusters("c"));
        assertThat(ids(listed)).containsExactly(second, first);
        assertThat(count(journal, JournalQuery.ofClusters("c"))).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void newestFirstByReportedTimeAndAmongEqualTimesTheLaterAppended(JournalKind kind) {
        Journal journal = newJournal(kind);
        journal.append(entry(kind, "c", 5, "a", null), STORED);
        journal.append(entry(kind, "c", 1, "b", null), STORED.plusSeconds(10));
        journal.append(entry(kind, "c", 9, "c", null), STORED.minusSeconds(10));
        journal.append(entry(kind, "c", 5, "d", null), STORED);

        assertThat(types(list(journal, JournalQuery.ofClusters("c")))).containsExactly("c", "d", "a", "b");
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void reportedTimesOfEveryRangeRoundTripAndOrder(JournalKind kind) {
        Journal journal = newJournal(kind);
        long[] seconds = {-62135596800L, 0, -1, 1509423130, 253402300799L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long s : seconds) {
            journal.append(entry(kind, "c", s, Long.toString(s), null), STORED);
        }

        List<Map<String, Object>> listed = list(journal, JournalQuery.ofClusters("c"));

        assertThat(types(listed)).containsExactly(Long.toString(Long.MAX_VALUE), "253402300799", "1509423130", "0",
                "-1", "-62135596800", Long.toString(Long.MIN_VALUE));
        assertThat(listed.get(5).get(kind.timeField())).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(listed.get(0).get(kind.timeField())).isEqualTo(UnixTime.ofSeconds(Long.MAX_VALUE));
        assertThat(listed.get(6).get(kind.timeField())).isEqualTo(UnixTime.ofSeconds(Long.MIN_VALUE));
    }

    // ---------------------------------------------------------------- clusters, times, filters

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void listsTheGivenClustersMergedNewestFirstOrEveryClusterWhenNoneIsGiven(JournalKind kind) {
        Journal journal = newJournal(kind);
        journal.append(entry(kind, "c1", 10, "c1-10", null), STORED);
        journal.append(entry(kind, "c2", 30, "c2-30", null), STORED);
        journal.append(entry(kind, "c3", 20, "c3-20", null), STORED);
        journal.append(entry(kind, "c1", 40, "c1-40", null), STORED);
        journal.append(entry(kind, "", 25, "none-25", null), STORED);
        journal.append(entry(kind, "odd/cluster $name.x", 15, "odd-15", null), STORED);

        assertThat(types(list(journal, JournalQuery.ofClusters("c1", "c3")))).containsExactly("c1-40", "c3-20", "c1-10");
        assertThat(types(list(journal, JournalQuery.ofClusters("c2")))).containsExactly("c2-30");
        assertThat(types(list(journal, JournalQuery.ofClusters("")))).containsExactly("none-25");
        assertThat(types(list(journal, JournalQuery.ofClusters("odd/cluster $name.x")))).containsExactly("odd-15");
        assertThat(types(list(journal, JournalQuery.ofClusters("unknown")))).isEmpty();
        assertThat(types(list(journal, JournalQuery.all())))
                .containsExactly("c1-40", "c2-30", "none-25", "c3-20", "odd-15", "c1-10");
        assertThat(count(journal, JournalQuery.all())).isEqualTo(6);
        assertThat(count(journal, JournalQuery.ofClusters("c1", "unknown", "c2"))).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void timeRangesOnTheReportedTimeAreInclusiveAndMayBeOpen(JournalKind kind) {
        Journal journal = newJournal(kind);
        for (long s : new long[] {-62135596800L, 100, 200, 300, 400}) {
            journal.append(entry(kind, "c", s, Long.toString(s), null), STORED);
        }
        FieldPath time = FieldPath.of(kind.timeField());

        assertFilter(journal, filter(new Condition.Between(time, Optional.of(at(200)), Optional.of(at(300)))), "300", "200");
        assertFilter(journal, filter(new Condition.Between(time, Optional.of(at(300)), Optional.empty())), "400", "300");
        assertFilter(journal, filter(new Condition.Between(time, Optional.empty(), Optional.of(at(100)))),
                "100", "-62135596800");
        assertFilter(journal, filter(new Condition.Between(time, Optional.of(Instant.ofEpochSecond(200, 1)),
                Optional.of(Instant.ofEpochSecond(300, 999_000_000)))), "300");
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void filtersAgreeWithTheReferenceSemantics(JournalKind kind) {
        Journal journal = newJournal(kind);
        journal.append(entry(kind, "c", 1, "killing", map("app", "web", "n", 3, "tags", List.of("a", "b"))), STORED);
        journal.append(entry(kind, "c", 2, "created", map("app", "db", "n", 3.0)), STORED);
        journal.append(entry(kind, "c", 3, "killing", map("app", "web", "0", "zero")), STORED);
        journal.append(entry(kind, "c", 4, "started", null), STORED);
        journal.append(entry(kind, "c", 5, "killing", map("app.kubernetes.io/name", "x", "$set", 1)), STORED.plusMillis(5));

        assertFilter(journal, filter(anyOf("type", "killing", "started")), "killing", "started", "killing", "killing");
        assertFilter(journal, filter(anyOf("type", "killing"), anyOf("data.app", "web")), "killing", "killing");
        assertFilter(journal, filter(new Condition.AnyOf(FieldPath.parse("data.n"), List.of(3L))), "created", "killing");
        assertFilter(journal, filter(anyOf("data.tags", "b")), "killing");
        assertFilter(journal, filter(anyOf("data.0", "zero")), "killing");
        assertFilter(journal, filter(new Condition.AnyOf(FieldPath.of("data", "app.kubernetes.io/name"), List.of("x"))),
                "killing");
        assertFilter(journal, filter(new Condition.AnyOf(FieldPath.of("data", "$set"), List.of(1L))), "killing");
        assertFilter(journal, filter(new Condition.NoneOf(FieldPath.parse("data.app"), List.of("web"))),
                "killing", "started", "created");
        assertFilter(journal, filter(new Condition.Exists(FieldPath.parse("data.app"), false)), "killing", "started");
        assertFilter(journal, filter(anyOf(kind == JournalKind.EVENTS ? "extraInfo.name" : "namespace", "other")));
        assertFilter(journal, filter(anyOf(kind == JournalKind.EVENTS ? "extraInfo.name" : "namespace", "app", "x")),
                "killing", "started", "killing", "created", "killing");
        assertFilter(journal, filter(new Condition.Between(FieldPath.of(JournalKind.STORED_AT),
                Optional.of(STORED.plusMillis(1)), Optional.empty())), "killing");
    }

    // ---------------------------------------------------------------- projection and paging

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void projectionsAgreeWithTheReferenceAndKeepTheOrder(JournalKind kind) {
        Journal journal = newJournal(kind);
        journal.append(entry(kind, "c", 1, "t1", map("a", map("b", 1, "c", 2), "list", List.of(map("x", 1, "y", 2), 3))), STORED);
        journal.append(entry(kind, "c", 2, "t2", map("z", 1)), STORED);
        List<Map<String, Object>> full = list(journal, JournalQuery.ofClusters("c"));

        for (List<String> paths : List.of(List.of("type"), List.of("data.a.b", "clusterId"), List.of("data.list.x"),
                List.of("_id"), List.of("nothing.here"), List.of(kind.timeField(), "createTime", "data"))) {
            Projection projection = new Projection(paths.stream().map(FieldPath::parse).toList());
            List<Map<String, Object>> projected = list(journal,
                    new JournalQuery(List.of("c"), ResourceFilter.ALL, projection, Page.ALL));
            List<Map<String, Object>> reference = full.stream().map(projection::apply).toList();
            assertThat(projected).as("projection %s", paths).isEqualTo(reference);
            for (int i = 0; i < projected.size(); i++) {
                assertThat(projected.get(i).keySet()).containsExactlyElementsOf(reference.get(i).keySet());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void pagesConcatenateToTheWholeListAndTotalCountsBeforePaging(JournalKind kind) {
        Journal journal = newJournal(kind);
        for (int i = 0; i < 23; i++) {
            journal.append(entry(kind, "c" + (i % 3), i % 7, "t" + i, map("i", i, "0", i % 2)), STORED.plusMillis(i));
        }
        for (ResourceFilter filter : List.of(ResourceFilter.ALL, filter(anyOf("data.0", 1L)))) {
            for (List<String> clusters : List.of(List.of("c1"), List.of("c0", "c2"), List.<String>of())) {
                JournalQuery all = new JournalQuery(clusters, filter, Projection.ALL, Page.ALL);
                List<Map<String, Object>> whole = list(journal, all);
                List<Map<String, Object>> pages = new ArrayList<>();
                for (int offset = 0; offset < whole.size() + 5; offset += 5) {
                    JournalQuery paged = new JournalQuery(clusters, filter, new Projection(List.of(FieldPath.of("type"))),
                            Page.of(offset, 5));
                    try (JournalPage page = pageOf(journal, paged)) {
                        assertThat(page.total()).isEqualTo(whole.size());
                        page.documents().forEach(pages::add);
                    }
                }
                assertThat(types(pages)).as("clusters %s, filter %s", clusters, filter).isEqualTo(types(whole));
                assertThat(new HashSet<>(ids(whole))).hasSize(whole.size());
            }
        }
        assertThat(count(journal, JournalQuery.all())).isEqualTo(23);
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void anOffsetPastTheEndOrALimitOfZeroGivesNoEntriesButTheTotal(JournalKind kind) {
        Journal journal = newJournal(kind);
        journal.append(entry(kind, "c", 1, "a", null), STORED);
        journal.append(entry(kind, "d", 2, "b", null), STORED);

        for (Page page : List.of(Page.of(5, 10), Page.of(0, 0), new Page(2, java.util.OptionalInt.empty()))) {
            for (List<String> clusters : List.of(List.of("c"), List.<String>of())) {
                try (JournalPage result = pageOf(journal, new JournalQuery(clusters, ResourceFilter.ALL, Projection.ALL, page))) {
                    assertThat(result.documents()).isEmpty();
                    assertThat(result.total()).isEqualTo(clusters.isEmpty() ? 2 : 1);
                }
            }
        }
    }

    // ---------------------------------------------------------------- retention

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void removesWhatWasStoredBeforeTheCutoffWhateverItsReportedTime(JournalKind kind) {
        Journal journal = newJournal(kind);
        journal.append(entry(kind, "c1", 4_000_000_000L, "old-future", null), STORED.minusSeconds(100));
        journal.append(entry(kind, "c2", 1, "old", null), STORED.minusMillis(1));
        journal.append(entry(kind, "c1", 1, "new-past", null), STORED);
        journal.append(entry(kind, "c2", -62135596800L, "newer", null), STORED.plusSeconds(1));

        assertThat(journal.removeStoredBefore(STORED)).isEqualTo(2);

        assertThat(types(list(journal, JournalQuery.all()))).containsExactly("new-past", "newer");
        assertThat(journal.removeStoredBefore(STORED)).isZero();
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void trimKeepsEachClustersMostRecentlyStoredEntries(JournalKind kind) {
        Journal journal = newJournal(kind);
        for (int i = 0; i < 6; i++) {
            // reported times run backwards, so "newest stored" and "newest reported" differ
            journal.append(entry(kind, "big", 100 - i, "big-" + i, null), STORED.plusSeconds(i));
        }
        journal.append(entry(kind, "big", 50, "big-tie-a", null), STORED.plusSeconds(3));
        journal.append(entry(kind, "small", 1, "small-0", null), STORED);
        journal.append(entry(kind, "small", 2, "small-1", null), STORED.plusSeconds(1));

        assertThat(journal.trimClusters(3)).isEqualTo(4);

        assertThat(types(list(journal, JournalQuery.ofClusters("big")))).containsExactly("big-4", "big-5", "big-tie-a");
        assertThat(types(list(journal, JournalQuery.ofClusters("small")))).containsExactly("small-1", "small-0");
        assertThat(journal.trimClusters(3)).isZero();
        assertThat(journal.trimClusters(1)).isEqualTo(3);
        assertThat(types(list(journal, JournalQuery.all()))).containsExactly("big-5", "small-1");
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void retentionOnAnEmptyJournalRemovesNothing(JournalKind kind) {
        Journal journal = newJournal(kind);
        assertThat(journal.removeStoredBefore(STORED)).isZero();
        assertThat(journal.trimClusters(1)).isZero();
        assertThat(count(journal, JournalQuery.all())).isZero();
    }

    // ---------------------------------------------------------------- helpers

    /** An entry of the kind; {@code type} tells entries apart, other texts are fixed. */
    protected static JournalEntry entry(JournalKind kind, String cluster, long seconds, String type, Object data) {
        return switch (kind) {
            case EVENTS -> new Event("id-" + type, "k8s", "pod", "warning", "scheduler", type, "describe " + type, cluster,
                    UnixTime.ofSeconds(seconds), new ExtraInfo(type.startsWith("c") ? "x" : "app", "ns", "application"), data);
            case ALARMS -> new Alarm(cluster, type.startsWith("c") ? "x" : "app", "message " + type, "127.0.0.4:52328",
                    "bcs-health", type, UnixTime.ofSeconds(seconds), data);
        };
    }

    protected static Instant at(long seconds) {
        return Instant.ofEpochSecond(seconds);
    }

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

    private static JournalPage pageOf(Journal journal, JournalQuery query) {
        return journal.list(query);
    }

    protected static List<Map<String, Object>> list(Journal journal, JournalQuery query) {
        JournalPage page = journal.list(query);
        try (Stream<Map<String, Object>> documents = page.documents()) {
            return documents.collect(Collectors.toList());
        }
    }

    protected static long count(Journal journal, JournalQuery query) {
        JournalPage page = journal.list(query);
        try (Stream<Map<String, Object>> documents = page.documents()) {
            return page.total();
        }
    }

    protected static List<String> types(List<Map<String, Object>> documents) {
        return documents.stream().map(doc -> (String) doc.get("type")).toList();
    }

    private static List<String> ids(List<Map<String, Object>> documents) {
        return documents.stream().map(doc -> (String) doc.get("_id")).toList();
    }

    /** The store's answer equals the reference filter over the whole journal, and names {@code expected} in order. */
    private static void assertFilter(Journal journal, ResourceFilter filter, String... expected) {
        List<Map<String, Object>> reference = list(journal, JournalQuery.all()).stream().filter(filter::matches).toList();
        JournalQuery query = new JournalQuery(List.of(), filter, Projection.ALL, Page.ALL);
        List<Map<String, Object>> matched = list(journal, query);
        assertThat(types(matched)).as("store answer for %s", filter).containsExactly(expected);
        assertThat(matched).as("reference semantics for %s", filter).isEqualTo(reference);
        assertThat(count(journal, query)).isEqualTo(expected.length);
    }
}
