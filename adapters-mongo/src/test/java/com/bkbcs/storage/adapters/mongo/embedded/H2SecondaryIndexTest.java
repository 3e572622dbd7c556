package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class H2SecondaryIndexTest {
    private final MVStore store = MVStore.open(null);
    private final H2SecondaryIndex index = new H2SecondaryIndex(store.openMap("test"), "scope",
            List.of(new IndexKey("clusterId", true), new IndexKey("namespace", true), new IndexKey("_id", true)), false);

    @AfterEach
    void close() {
        store.close();
    }

    private Document pod(String id, String cluster, String namespace) {
        Document document = new Document("_id", id).append("clusterId", cluster).append("namespace", namespace);
        index.add(document, id, null);
        return document;
    }

    private static Document and(Document... clauses) {
        return new Document("$and", List.of(clauses));
    }

    @Test
    void theQueriesOfTheStoresAreServedByTheLeadingKeysTheyPin() {
        pod("c1/ns/a", "c1", "ns");
        pod("c1/other/b", "c1", "other");
        pod("c2/ns/c", "c2", "ns");
        Document phase = new Document("data.status.phase", new Document("$in", List.of("Pending")));

        assertThat(index.getPositions(and(new Document("clusterId", "c1"), new Document("namespace", "ns"), phase)))
                .containsExactly("c1/ns/a");
        assertThat(index.getPositions(and(new Document("clusterId", "c1"), phase))).containsExactly("c1/ns/a", "c1/other/b");
        assertThat(index.getPositions(new Document("clusterId", new Document("$eq", "c2")))).containsExactly("c2/ns/c");
        // the namespace is not pinned by an $in: only the cluster narrows
        assertThat(index.getPositions(new Document("clusterId", "c1").append("namespace", new Document("$in", List.of("ns")))))
                .containsExactly("c1/ns/a", "c1/other/b");
    }

    @Test
    void queriesThatDoNotPinTheFirstKeyAreLeftToTheCollection() {
        pod("c1/ns/a", "c1", "ns");

        assertThat(index.canHandle(new Document("namespace", "ns"))).isFalse();
        assertThat(index.canHandle(new Document("clusterId", new Document("$in", List.of("c1"))))).isFalse();
        assertThat(index.canHandle(new Document("clusterId", new Document("$ne", "c1")))).isFalse();
        assertThat(index.canHandle(new Document("clusterId", null))).isFalse();
        assertThat(index.canHandle(new Document("$or", List.of(new Document("clusterId", "c1"))))).isFalse();
        assertThat(index.canHandle(new Document("clusterId", "c1"))).isTrue();
    }

    @Test
    void aValueIsNotFoundByItsPrefixNorBySeparatorsInsideIt() {
        pod("1", "c", "ns");
        pod("2", "c2", "ns");
        pod("3", "c\u0001ns", "x");
        pod("4", "c\u0000", "ns");

        assertThat(index.getPositions(new Document("clusterId", "c"))).containsExactly("1");
        assertThat(index.getPositions(and(new Document("clusterId", "c"), new Document("namespace", "ns")))).containsExactly("1");
        assertThat(index.getPositions(new Document("clusterId", "c\u0001ns"))).containsExactly("3");
        assertThat(index.getPositions(new Document("clusterId", "c\u0000"))).containsExactly("4");
    }

    @Test
    void updatesMoveTheEntryAndRemovalsDropIt() {
        Document before = pod("p", "c1", "ns");
        Document after = new Document("_id", "p").append("clusterId", "c2").append("namespace", "ns");

        index.updateInPlace(before, after, "p", null);
        assertThat(index.getPositions(new Document("clusterId", "c1"))).isEmpty();
        assertThat(index.getPositions(new Document("clusterId", "c2"))).containsExactly("p");

        assertThat(index.remove(after)).isEqualTo("p");
        assertThat(index.isEmpty()).isTrue();
    }

    @Test
    void numbersMeetByValueWhateverTheirType() {
        H2SecondaryIndex revisions = new H2SecondaryIndex(store.openMap("revisions"), "revision",
                List.of(new IndexKey("revision", true)), false);
        revisions.add(new Document("_id", "a").append("revision", 5L), "a", null);
        revisions.add(new Document("_id", "b").append("revision", 5.5), "b", null);
        revisions.add(new Document("_id", "c").append("revision", 50), "c", null);

        assertThat(revisions.getPositions(new Document("revision", 5))).containsExactly("a");
        assertThat(revisions.getPositions(new Document("revision", 5.0))).containsExactly("a");
        assertThat(revisions.getPositions(new Document("revision", 5.5))).containsExactly("b");
        assertThat(revisions.getPositions(new Document("revision", 50L))).containsExactly("c");
    }

    @Test
    void everyElementOfAnArrayIsFound() {
        H2SecondaryIndex tags = new H2SecondaryIndex(store.openMap("tags"), "tags", List.of(new IndexKey("tags", true)), false);
        Document tagged = new Document("_id", "a").append("tags", List.of("x", "y"));
        tags.add(tagged, "a", null);

        assertThat(tags.getPositions(new Document("tags", "y"))).containsExactly("a");
        tags.remove(tagged);
        assertThat(tags.isEmpty()).isTrue();
    }

    @Test
    void aSparseIndexLeavesOutDocumentsWithoutItsFields() {
        H2SecondaryIndex sparse = new H2SecondaryIndex(store.openMap("sparse"), "sparse",
                List.of(new IndexKey("extra.name", true)), true);
        sparse.add(new Document("_id", "a"), "a", null);
        sparse.add(new Document("_id", "b").append("extra", new Document("name", "n")), "b", null);

        assertThat(sparse.getCount()).isEqualTo(1);
        assertThat(sparse.getPositions(new Document("extra.name", "n"))).containsExactly("b");
    }
}
