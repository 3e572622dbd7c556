package com.bkbcs.storage.adapters.mongo.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds in batches on the embedded store: the same documents, in the same order, as one batch
 * would give, whichever index (or none) serves the query; paging and projection apply across
 * batches; writes between batches are seen as MongoDB's cursors see them.
 */
class StreamingCollectionTest {
    @TempDir
    Path dataDir;
    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoCollection<Document> pods;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(dataDir);
        client = MongoClients.create(server.connectionString());
        pods = client.getDatabase("bcs").getCollection("dyn_Pod");
        pods.createIndex(Indexes.ascending("clusterId", "namespace", "_id"));
        // namespaces "a" and "a-b": index order (namespace, then _id) differs from _id order
        for (int i = 0; i < 250; i++) {
            String namespace = i % 2 == 0 ? "a" : "a-b";
            pods.insertOne(new Document("_id", "c" + (i % 5) + "/" + namespace + "/Pod/p" + String.format("%03d", i))
                    .append("clusterId", "c" + (i % 5)).append("namespace", namespace).append("n", i)
                    .append("phase", i % 3 == 0 ? "Pending" : "Running"));
        }
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static List<Object> ids(Iterable<Document> documents) {
        List<Object> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    /** What one big batch gives: the reference the batched finds must equal. */
    private List<Object> oneBatch(org.bson.conversions.Bson filter) {
        return ids(pods.find(filter).sort(Sorts.ascending("_id")).batchSize(0));
    }

    @Test
    void batchesGiveTheDocumentsOfOneBatchInIdOrderWhateverServesTheQuery() {
        List<org.bson.conversions.Bson> filters = List.of(
                Filters.regex("_id", Pattern.compile("^c1/")), // the _id index, as a range
                Filters.eq("clusterId", "c2"), // the secondary index, in (namespace, _id) order
                Filters.and(Filters.eq("clusterId", "c3"), Filters.eq("phase", "Pending")),
                Filters.eq("phase", "Pending"), // no index: every document
                new Document());
        for (org.bson.conversions.Bson filter : filters) {
            List<Object> expected = oneBatch(filter);
            List<Object> sorted = new ArrayList<>(expected);
            sorted.sort(null);
            assertThat(expected).as("%s in _id order", filter).isEqualTo(sorted).isNotEmpty();
            for (int batch : new int[] {1, 7, 256}) {
                assertThat(ids(pods.find(filter).sort(Sorts.ascending("_id")).batchSize(batch)))
                        .as("%s in batches of %d", filter, batch).isEqualTo(expected);
            }
        }
    }

    @Test
    void skipLimitAndProjectionApplyAcrossBatches() {
        List<Object> all = oneBatch(Filters.eq("clusterId", "c4"));
        List<Document> page = pods.find(Filters.eq("clusterId", "c4")).sort(Sorts.ascending("_id")).skip(5).limit(20)
                .batchSize(6).projection(Projections.include("n")).into(new ArrayList<>());
        assertThat(ids(page)).isEqualTo(all.subList(5, 25));
        assertThat(page).allSatisfy(document -> assertThat(document.keySet()).containsExactly("_id", "n"));
        assertThat(ids(pods.find(Filters.eq("clusterId", "c4")).sort(Sorts.ascending("_id")).skip(48).batchSize(1)))
                .isEqualTo(all.subList(48, 50));
        assertThat(ids(pods.find(Filters.eq("clusterId", "c4")).sort(Sorts.ascending("_id")).skip(50).batchSize(3)))
                .isEmpty();
    }

    @Test
    void aDocumentDeletedBeforeItsBatchIsSkippedAndOneChangedIsReadAsItIsThen() {
        List<Object> all = oneBatch(Filters.eq("clusterId", "c0"));
        try (MongoCursor<Document> cursor = pods.find(Filters.eq("clusterId", "c0")).sort(Sorts.ascending("_id"))
                .batchSize(10).iterator()) {
            List<Object> seen = new ArrayList<>();
            IntStream.range(0, 10).forEach(i -> seen.add(cursor.next().get("_id")));
            pods.deleteOne(Filters.eq("_id", all.get(20)));
            pods.updateOne(Filters.eq("_id", all.get(30)), new Document("$set", new Document("phase", "Changed")));
            pods.updateOne(Filters.eq("_id", all.get(40)), new Document("$set", new Document("clusterId", "elsewhere")));
            List<Document> rest = new ArrayList<>();
            cursor.forEachRemaining(rest::add);
            seen.addAll(ids(rest));

            List<Object> expected = new ArrayList<>(all);
            expected.remove(all.get(40));
            expected.remove(all.get(20));
            assertThat(seen).isEqualTo(expected);
            assertThat(rest).filteredOn(document -> document.get("_id").equals(all.get(30)))
                    .singleElement().extracting(document -> document.get("phase")).isEqualTo("Changed");
        }
    }

    @Test
    void otherSortsAndUpdatesTakeTheStockPath() {
        List<Object> descending = ids(pods.find(Filters.eq("clusterId", "c1")).sort(Sorts.descending("n")).batchSize(4));
        assertThat(descending).hasSize(50);
        assertThat(descending.get(0)).isEqualTo("c1/a/Pod/p246");
        assertThat(pods.updateMany(Filters.eq("clusterId", "c1"), new Document("$set", new Document("seen", true)))
                .getModifiedCount()).isEqualTo(50);
        assertThat(pods.countDocuments(Filters.eq("seen", true))).isEqualTo(50);
    }
}
