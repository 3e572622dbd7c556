package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.change.ChangePage;
import com.bkbcs.storage.domain.change.ChangeHistory;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.change.Change;
import com.bkbcs.storage.domain.change.ChangeType;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.ResourceFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every store's change feed must do, read through its own {@link ResourceStore}: one change
 * per write with a revision unique and increasing across the store, the document after the change
 * (the last state for a delete), pages that never skip a change, and a history that forgets only
 * from the oldest end. Each test works in a cluster of its own; the store may be shared.
 */
public abstract class ChangeFeedContract {
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");

    /** The store whose writes the feed records. */
    protected abstract ResourceStore store();

    /** The feed of {@link #store()}. */
    protected abstract ChangeFeed feed();

    @Test
    void everyWriteIsOneChangeWithTheDocumentAfterIt() {
        String cluster = cluster();
        long before = feed().history().latest();
        ResourceKey pod = ResourceKey.namespaced(cluster, "default", "Pod", "web-0");
        store().upsert(pod, Map.of("phase", "Pending"), T0);
        store().upsert(pod, Map.of("phase", "Running"), T0.plusSeconds(1));
        assertThat(store().delete(pod)).isTrue();
        assertThat(store().delete(pod)).as("deleting nothing is no change").isFalse();

        List<Change> changes = changesOf(cluster, before);
        assertThat(changes).extracting(Change::type)
                .containsExactly(ChangeType.ADDED, ChangeType.MODIFIED, ChangeType.DELETED);
        assertThat(changes).extracting(change -> change.document().get("data"))
                .containsExactly(Map.of("phase", "Pending"), Map.of("phase", "Running"), Map.of("phase", "Running"));
        assertThat(changes).extracting(Change::revision).isSorted().doesNotHaveDuplicates();
        for (Change change : changes) {
            assertThat(change.key()).isEqualTo(pod);
            assertThat(change.document()).containsEntry("_id", pod.id()).containsEntry("revision", change.revision());
        }
        assertThat(changes.get(2).document()).as("a delete carries the last state")
                .containsEntry("createTime", T0).containsEntry("updateTime", T0.plusSeconds(1));
    }

    @Test
    void aStoredResourceCarriesTheRevisionOfItsLastWrite() {
        String cluster = cluster();
        long before = feed().history().latest();
        ResourceKey node = ResourceKey.clusterScoped(cluster, "Node", "n1");
        store().upsert(node, Map.of("ready", true), T0);
        store().upsert(node, Map.of("ready", false), T0.plusSeconds(1));

        List<Change> changes = changesOf(cluster, before);
        assertThat(store().find(node).orElseThrow().revision()).isEqualTo(changes.get(1).revision());
        assertThat(store().find(node).orElseThrow().toDocument()).containsEntry("revision", changes.get(1).revision());
        assertThat(feed().history().latest()).isGreaterThanOrEqualTo(changes.get(1).revision());
    }

    @Test
    void aBatchDeleteIsOneChangePerDocumentItRemoved() {
        String cluster = cluster();
        for (int i = 0; i < 5; i++) {
            store().upsert(ResourceKey.namespaced(cluster, "ns", "Pod", "p" + i), Map.of("i", i, "keep", i == 0), T0);
        }
        long before = feed().history().latest();
        long removed = store().deleteAll(ResourceScope.namespace(cluster, "ns", "Pod"),
                new ResourceFilter(List.of(new Condition.AnyOf(FieldPath.parse("data.keep"), List.of(false)))));

        List<Change> changes = changesOf(cluster, before);
        assertThat(removed).isEqualTo(4);
        assertThat(changes).hasSize(4).allSatisfy(change -> assertThat(change.type()).isEqualTo(ChangeType.DELETED));
        assertThat(changes).extracting(change -> change.key().resourceName())
                .containsExactlyInAnyOrder("p1", "p2", "p3", "p4");
        assertThat(changes).extracting(Change::revision).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void pagesAreCompleteUpToTheirThroughRevision() {
        String cluster = cluster();
        long before = feed().history().latest();
        for (int i = 0; i < 25; i++) {
            store().upsert(ResourceKey.clusterScoped(cluster, "Node", "n" + i), Map.of("i", i), T0);
        }
        List<Change> read = new ArrayList<>();
        long cursor = before;
        for (int pages = 0; pages < 1000 && ownChanges(read, cluster).size() < 25; pages++) {
            ChangePage page = feed().after(cursor, 7);
            assertThat(page.changes()).hasSizeLessThanOrEqualTo(7);
            assertThat(page.through()).isGreaterThanOrEqualTo(cursor);
            page.changes().forEach(change -> assertThat(change.revision()).isGreaterThan(before));
            read.addAll(page.changes());
            cursor = page.through();
        }
        assertThat(ownChanges(read, cluster)).extracting(change -> change.document().get("data"))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(i -> Map.of("i", i)).toList());
        assertThat(read).extracting(Change::revision).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void resumingFromARevisionGivesExactlyTheChangesAfterIt() {
        String cluster = cluster();
        long before = feed().history().latest();
        for (int i = 0; i < 6; i++) {
            store().upsert(ResourceKey.clusterScoped(cluster, "Node", "n" + i), Map.of("i", i), T0);
        }
        List<Change> all = changesOf(cluster, before);
        long middle = all.get(2).revision();
        assertThat(changesOf(cluster, middle)).containsExactlyElementsOf(all.subList(3, 6));
    }

    @Test
    void concurrentWritersAreSeenByAConcurrentReaderEachOnceInRevisionOrder() throws Exception {
        String cluster = cluster();
        int writers = 64;
        int writesEach = 8;
        long before = feed().history().latest();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<List<Change>> reader = pool.submit(() -> {
                List<Change> seen = new ArrayList<>();
                long cursor = before;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (ownChanges(seen, cluster).size() < writers * writesEach && System.nanoTime() < deadline) {
                    ChangePage page = feed().after(cursor, 50);
                    seen.addAll(page.changes());
                    cursor = page.through();
                    if (page.changes().isEmpty()) {
                        Thread.sleep(writing.get() ? 1 : 20);
                    }
                }
                return seen;
            });
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        store().upsert(ResourceKey.namespaced(cluster, "ns", "Pod", "w" + writer), Map.of("i", i), T0.plusMillis(i));
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            List<Change> seen = reader.get(90, TimeUnit.SECONDS);

            assertThat(seen).extracting(Change::revision).isSorted().doesNotHaveDuplicates();
            List<Change> own = ownChanges(seen, cluster);
            assertThat(own).hasSize(writers * writesEach);
            Map<String, List<Object>> perPod = new HashMap<>();
            for (Change change : own) {
                perPod.computeIfAbsent(change.key().resourceName(), name -> new ArrayList<>())
                        .add(((Map<?, ?>) change.document().get("data")).get("i"));
            }
            List<Object> inOrder = java.util.stream.IntStream.range(0, writesEach).boxed().map(Object.class::cast).toList();
            assertThat(perPod).hasSize(writers).allSatisfy((pod, values) -> assertThat(values).isEqualTo(inOrder));
            for (int w = 0; w < writers; w++) {
                ResourceKey key = ResourceKey.namespaced(cluster, "ns", "Pod", "w" + w);
                Change last = own.stream().filter(change -> change.key().equals(key)).reduce((a, b) -> b).orElseThrow();
                assertThat(store().find(key).orElseThrow().revision()).as("the stored revision is the last change's")
                        .isEqualTo(last.revision());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void historyForgetsFromTheOldestEndOnly() throws Exception {
        String cluster = cluster();
        store().upsert(ResourceKey.clusterScoped(cluster, "Node", "old"), Map.of(), T0);
        List<Change> old = changesOf(cluster, feed().history().forgottenThrough());
        Thread.sleep(20);
        Instant cut = Instant.now();
        Thread.sleep(20);
        store().upsert(ResourceKey.clusterScoped(cluster, "Node", "new"), Map.of(), T0);

        assertThat(feed().trim(cut)).isGreaterThanOrEqualTo(1);
        ChangeHistory history = feed().history();
        assertThat(history.forgottenThrough()).isGreaterThanOrEqualTo(old.get(0).revision());
        assertThat(history.canResumeFrom(old.get(0).revision() - 1)).isFalse();
        List<Change> kept = changesOf(cluster, history.forgottenThrough());
        assertThat(kept).extracting(change -> change.key().resourceName()).containsExactly("new");
        assertThat(history.canResumeFrom(history.latest())).isTrue();
        assertThat(history.canResumeFrom(history.latest() + 1)).as("ahead of the store").isFalse();
    }

    /** More changes than several round trips of a trim read (1,024 each on the Mongo stores), written concurrently. */
    @Test
    void aLongHistoryIsForgottenWholeAndItsEntriesDeleted() throws Exception {
        String cluster = cluster();
        int count = 4_500;
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                writes.add(writers.submit(() -> store().upsert(ResourceKey.clusterScoped(cluster, "Node", "n" + (n % 500)),
                        Map.of("round", n), T0)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdown();
        }
        long latest = feed().history().latest();
        assertThat(changesOf(cluster, feed().history().forgottenThrough())).hasSize(count);
        Thread.sleep(20);

        assertThat(feed().trim(Instant.now())).isGreaterThanOrEqualTo(count);
        assertThat(feed().history().forgottenThrough()).isGreaterThanOrEqualTo(latest);
        assertThat(feed().trim(Instant.now())).as("a second trim finds nothing left").isZero();
    }

    /** Every change of the cluster above {@code after} that the feed has settled, read page by page. */
    protected List<Change> changesOf(String cluster, long after) {
        List<Change> read = new ArrayList<>();
        long cursor = after;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            ChangePage page = feed().after(cursor, 100);
            read.addAll(page.changes());
            cursor = page.through();
            if (page.changes().isEmpty() && cursor >= feed().history().latest()) {
                break;
            }
        }
        return ownChanges(read, cluster);
    }

    private static List<Change> ownChanges(List<Change> changes, String cluster) {
        return changes.stream().filter(change -> change.key().clusterId().equals(cluster)).toList();
    }

    private static String cluster() {
        return "BCS-K8S-" + UUID.randomUUID();
    }
}
