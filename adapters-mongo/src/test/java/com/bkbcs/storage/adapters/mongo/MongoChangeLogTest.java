package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.domain.change.ChangePage;
import com.bkbcs.storage.application.port.out.ChangeFeedContract;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.change.Change;
import com.bkbcs.storage.domain.change.ChangeType;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feed contract against mongo-java-server over TCP, and the ordering hazard the write
 * protocol exists for: a revision taken and not (yet) recorded holds every reader back until it is
 * recorded or settled, whether its writer is slow, late, or dead.
 */
class MongoChangeLogTest extends ChangeFeedContract {
    private static final Duration SETTLE = Duration.ofMillis(300);
    private static MongoServerFixture fixture;
    private static MongoDatabase database;
    private static MongoResourceStore store;

    @BeforeAll
    static void start() {
        fixture = new MongoServerFixture();
        database = fixture.freshDatabase();
        store = new MongoResourceStore(database, QueryKinds.timePaths(), false, Clock.systemUTC(), SETTLE);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    protected ResourceStore store() {
        return store;
    }

    @Override
    protected ChangeFeed feed() {
        return store.changes();
    }

    @Test
    void aReaderWaitsAtARevisionTakenButNotRecordedAndNeverReportsItsSuccessorFirst() {
        String cluster = "BCS-K8S-" + UUID.randomUUID();
        long before = settledThrough();
        MongoChangeLog log = (MongoChangeLog) store.changes();
        long slow = log.take(1);
        store.upsert(ResourceKey.clusterScoped(cluster, "Node", "fast"), Map.of(), Instant.now());

        ChangePage page = log.after(before, 100);
        assertThat(page.through()).as("the reader stops below the revision in flight").isLessThan(slow);
        assertThat(page.changes()).noneMatch(change -> change.key().clusterId().equals(cluster));

        ResourceKey late = ResourceKey.clusterScoped(cluster, "Node", "slow");
        Document stored = createdBehindTheStoresBack(late, new Document(), slow);
        assertThat(log.recordChange(slow, ChangeType.ADDED, stored)).isTrue();

        List<Change> changes = changesOf(cluster, before);
        assertThat(changes).extracting(change -> change.key().resourceName()).containsExactly("slow", "fast");
    }

    @Test
    void aRevisionWhoseWriterDiedBeforeWritingIsSettledAsAbandonedAfterTheGracePeriod() throws Exception {
        String cluster = "BCS-K8S-" + UUID.randomUUID();
        long before = settledThrough();
        MongoChangeLog log = (MongoChangeLog) store.changes();
        log.take(1);
        store.upsert(ResourceKey.clusterScoped(cluster, "Node", "after"), Map.of(), Instant.now());

        assertThat(ownChangesAfter(cluster, before)).isEmpty();
        Thread.sleep(SETTLE.toMillis() + 100);
        assertThat(changesOf(cluster, before)).extracting(change -> change.key().resourceName()).containsExactly("after");
    }

    @Test
    void aReaderAboveTheGapDoesNotRestartTheGracePeriodOfAReaderBehindIt() throws Exception {
        String cluster = "BCS-K8S-" + UUID.randomUUID();
        long before = settledThrough();
        MongoChangeLog log = (MongoChangeLog) store.changes();
        long gap = log.take(1);
        store.upsert(ResourceKey.clusterScoped(cluster, "Node", "after"), Map.of(), Instant.now());

        long deadline = System.nanoTime() + SETTLE.toNanos() * 3;
        List<Change> behind = List.of();
        while (behind.isEmpty() && System.nanoTime() < deadline) {
            log.after(gap, 100); // the instance's hub, already above the gap
            behind = ownChangesAfter(cluster, before);
            Thread.sleep(20);
        }
        assertThat(behind).as("settled within the grace period despite the reader above")
                .extracting(change -> change.key().resourceName()).containsExactly("after");
    }

    @Test
    void aWriteWhoseWriterDiedBeforeRecordingIsFoundAndRecordedByAReader() throws Exception {
        String cluster = "BCS-K8S-" + UUID.randomUUID();
        long before = settledThrough();
        MongoChangeLog log = (MongoChangeLog) store.changes();
        long dead = log.take(1);
        ResourceKey key = ResourceKey.clusterScoped(cluster, "Node", "orphan");
        createdBehindTheStoresBack(key, new Document("k", "v"), dead);

        Thread.sleep(SETTLE.toMillis() + 100);
        ownChangesAfter(cluster, before);
        Thread.sleep(SETTLE.toMillis() + 100);
        List<Change> changes = changesOf(cluster, before);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).type()).isEqualTo(ChangeType.ADDED);
        assertThat(changes.get(0).revision()).isEqualTo(dead);
        assertThat(changes.get(0).document()).containsEntry("data", Map.of("k", "v"));
    }

    @Test
    void aDeleteWhoseWriterDiedBetweenMarkingAndRemovingIsCompletedByAReader() throws Exception {
        String cluster = "BCS-K8S-" + UUID.randomUUID();
        ResourceKey key = ResourceKey.clusterScoped(cluster, "Node", "doomed");
        store.upsert(key, Map.of("last", true), Instant.now());
        long before = settledThrough();
        MongoChangeLog log = (MongoChangeLog) store.changes();
        long dead = log.take(1);
        database.getCollection(MongoResourceStore.collectionName("Node")).updateOne(Filters.eq("_id", key.id()),
                Updates.combine(Updates.set("revision", dead), Updates.set("_deleted", true)));

        Thread.sleep(SETTLE.toMillis() + 100);
        ownChangesAfter(cluster, before);
        Thread.sleep(SETTLE.toMillis() + 100);
        List<Change> changes = changesOf(cluster, before);
        assertThat(changes).extracting(Change::type).containsExactly(ChangeType.DELETED);
        assertThat(changes.get(0).document()).containsEntry("data", Map.of("last", true));
        assertThat(store.find(key)).as("the reader finished the delete").isEmpty();
    }

    @Test
    void aWriteThatLandsAfterItsRevisionWasAbandonedIsReportedOnceUnderAFreshRevision() throws Exception {
        String cluster = "BCS-K8S-" + UUID.randomUUID();
        long before = settledThrough();
        MongoChangeLog log = (MongoChangeLog) store.changes();
        long late = log.take(1);
        store.upsert(ResourceKey.clusterScoped(cluster, "Node", "marker"), Map.of(), Instant.now());
        Thread.sleep(SETTLE.toMillis() + 100);
        ownChangesAfter(cluster, before);
        Thread.sleep(SETTLE.toMillis() + 100);
        ownChangesAfter(cluster, before);

        ResourceKey key = ResourceKey.clusterScoped(cluster, "Node", "late");
        Document stored = createdBehindTheStoresBack(key, new Document(), late);
        store.record(stored, late, ChangeType.ADDED);

        List<Change> changes = changesOf(cluster, before);
        assertThat(changes).extracting(change -> change.key().resourceName()).containsExactly("marker", "late");
        assertThat(store.find(key).orElseThrow().revision()).isEqualTo(changes.get(1).revision()).isGreaterThan(late);
    }

    /**
     * A cluster-scoped resource written straight into its collection, stamped as created by
     * {@code revision}: what a writer leaves behind when it dies before recording its change.
     */
    private static Document createdBehindTheStoresBack(ResourceKey key, Document data, long revision) {
        Document stored = new Document("_id", key.id()).append("clusterId", key.clusterId())
                .append("resourceType", key.resourceType()).append("resourceName", key.resourceName()).append("data", data)
                .append("createTime", new java.util.Date()).append("updateTime", new java.util.Date())
                .append("revision", revision).append("_created", revision);
        database.getCollection(MongoResourceStore.collectionName(key.resourceType())).insertOne(stored);
        return stored;
    }

    private long settledThrough() {
        long cursor = store.changes().history().forgottenThrough();
        while (true) {
            ChangePage page = store.changes().after(cursor, 1000);
            if (page.through() == cursor) {
                return cursor;
            }
            cursor = page.through();
        }
    }

    private List<Change> ownChangesAfter(String cluster, long after) {
        return store.changes().after(after, 1000).changes().stream()
                .filter(change -> change.key().clusterId().equals(cluster)).toList();
    }
}
