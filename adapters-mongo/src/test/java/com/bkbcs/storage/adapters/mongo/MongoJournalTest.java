package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.JournalContract;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalQuery;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal contract against mongo-java-server over TCP, plus what only this adapter promises:
 * one collection per cluster, times stored as dates, keys encoded, indexes for the list order.
 */
class MongoJournalTest extends JournalContract {
    private static MongoServerFixture mongo;
    private MongoDatabase database;

    @BeforeAll
    static void start() {
        mongo = new MongoServerFixture();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Override
    protected Journal newJournal(JournalKind kind) {
        database = mongo.freshDatabase();
        return new MongoJournal(database, kind);
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void keepsOneCollectionPerClusterHashedWhenTheIdIsNotPlain(JournalKind kind) {
        MongoJournal journal = (MongoJournal) newJournal(kind);
        journal.append(entry(kind, "BCS-K8S-10001", 1, "a", null), STORED);
        journal.append(entry(kind, "BCS-K8S-10001", 2, "b", null), STORED);
        journal.append(entry(kind, "odd cluster/1", 3, "c", null), STORED);
        journal.append(entry(kind, "", 4, "d", null), STORED);

        String prefix = kind == JournalKind.EVENTS ? "evt_" : "alm_";
        assertThat(journal.collectionName("BCS-K8S-10001")).isEqualTo(prefix + "BCS-K8S-10001");
        assertThat(journal.collectionName("odd cluster/1")).matches(prefix + "x_[0-9a-f]{64}");
        assertThat(journal.collectionName("")).matches(prefix + "x_[0-9a-f]{64}");
        assertThat(database.listCollectionNames().into(new ArrayList<>())).containsExactlyInAnyOrder(
                prefix + "BCS-K8S-10001", journal.collectionName("odd cluster/1"), journal.collectionName(""));
        assertThat(database.getCollection(prefix + "BCS-K8S-10001").countDocuments()).isEqualTo(2);
    }

    @Test
    void storesTimesAsDatesAndEncodesKeysInData() {
        MongoJournal journal = (MongoJournal) newJournal(JournalKind.EVENTS);
        String id = journal.append(entry(JournalKind.EVENTS, "c", -62135596800L, "t",
                map("app.kubernetes.io/name", "web", "$x", 1)), STORED);

        Document raw = database.getCollection("evt_c").find().first();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(raw.get("_id")).isEqualTo(id);
        assertThat(raw.get("eventTime")).isEqualTo(Date.from(Instant.parse("0001-01-01T00:00:00Z")));
        assertThat(raw.get("createTime")).isEqualTo(Date.from(STORED));
        assertThat(raw.get("data", Document.class)).isEqualTo(new Document("app%2Ekubernetes%2Eio/name", "web").append("%24x", 1));
        assertThat(raw.get("extraInfo", Document.class).keySet()).containsExactly("name", "namespace", "kind");
        assertThat(new ArrayList<>(raw.keySet())).containsExactlyElementsOf(JournalKind.EVENTS.fields());
    }

    @ParameterizedTest
    @EnumSource(JournalKind.class)
    void createsIndexesForTheListOrderTheObjectFiltersAndRetention(JournalKind kind) {
        MongoJournal journal = (MongoJournal) newJournal(kind);
        journal.append(entry(kind, "c", 1, "a", null), STORED);

        List<Document> keys = new ArrayList<>();
        database.getCollection(journal.collectionName("c")).listIndexes()
                .forEach(index -> keys.add(index.get("key", Document.class)));
        String time = kind.timeField();
        Document byObject = kind == JournalKind.EVENTS
                ? new Document("extraInfo.namespace", 1).append("extraInfo.name", 1).append(time, -1).append("_id", -1)
                : new Document("namespace", 1).append(time, -1).append("_id", -1);
        assertThat(keys).contains(new Document(time, -1).append("_id", -1), byObject,
                new Document("createTime", 1).append("_id", 1));
    }

    @Test
    void listingAClusterWithoutEntriesCreatesNothing() {
        Journal journal = newJournal(JournalKind.ALARMS);
        assertThat(count(journal, JournalQuery.ofClusters("nobody"))).isZero();
        assertThat(journal.trimClusters(1)).isZero();
        assertThat(database.listCollectionNames().into(new ArrayList<>())).isEmpty();
    }
}
