package com.bkbcs.storage.adapters.mongo.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import com.bkbcs.storage.domain.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store file over time: indexes kept in it, its size under overwrites, what a stop leaves. */
class EmbeddedStoreFileTest {
    private static final String INDEX_MAP = "bcs.dyn_Pod._index_clusterId_1_namespace_1";

    @TempDir
    Path dataDir;

    private static Document pod(int cluster, int i, String padding) {
        return new Document("_id", "c" + cluster + "/ns/" + i).append("clusterId", "c" + cluster).append("namespace", "ns")
                .append("phase", i % 2 == 0 ? "Pending" : "Running").append("padding", padding);
    }

    private static List<Object> pendingIn(MongoCollection<Document> pods, String cluster) {
        return pods.find(Filters.and(Filters.eq("clusterId", cluster), Filters.eq("phase", "Pending")))
                .sort(Sorts.ascending("_id")).map(document -> document.get("_id")).into(new ArrayList<>());
    }

    private long indexEntries() {
        return entries(INDEX_MAP);
    }

    /** The entries of a map of the store file, -1 when there is no such map. */
    private long entries(String map) {
        try (MVStore store = new MVStore.Builder().fileName(dataDir.resolve(EmbeddedMongoServer.FILE_NAME).toString())
                .readOnly().open()) {
            return store.hasMap(map) ? store.openMap(map).sizeAsLong() : -1;
        }
    }

    @Test
    void anIndexIsKeptInTheFileAndServesQueriesAfterARestart() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> pods = client.getDatabase("bcs").getCollection("dyn_Pod");
            pods.createIndex(Indexes.ascending("clusterId", "namespace"));
            for (int i = 0; i < 30; i++) {
                pods.insertOne(pod(i % 3, i, ""));
            }
            pods.deleteOne(Filters.eq("_id", "c0/ns/0"));
            pods.updateOne(Filters.eq("_id", "c1/ns/10"), new Document("$set", new Document("clusterId", "c2")));
        }

        assertThat(indexEntries()).isEqualTo(29);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> pods = client.getDatabase("bcs").getCollection("dyn_Pod");
            assertThat(pendingIn(pods, "c0")).containsExactly("c0/ns/12", "c0/ns/18", "c0/ns/24", "c0/ns/6");
            assertThat(pendingIn(pods, "c2")).containsExactly("c1/ns/10", "c2/ns/14", "c2/ns/2", "c2/ns/20", "c2/ns/26",
                    "c2/ns/8");
            assertThat(pendingIn(pods, "c1")).doesNotContain("c1/ns/10").hasSize(4);
        }
    }

    /** A store written before indexes were kept (stock H2 backend, which ignores them) gets them at its first open. */
    @Test
    void aStoreWrittenWithoutItsIndexesGetsThemOnceAtOpen() {
        H2Backend stock = new H2Backend(dataDir.resolve(EmbeddedMongoServer.FILE_NAME).toString());
        MongoServer old = new MongoServer(stock);
        try {
            old.bind("127.0.0.1", 0);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + old.getLocalAddress().getPort())) {
                MongoCollection<Document> pods = client.getDatabase("bcs").getCollection("dyn_Pod");
                pods.createIndex(Indexes.ascending("clusterId", "namespace"));
                for (int i = 0; i < 20; i++) {
                    pods.insertOne(pod(i % 2, i, ""));
                }
            }
        } finally {
            old.shutdown();
        }
        assertThat(indexEntries()).as("index entries written by the stock backend").isNegative();
        assertThat(entries("bcs.dyn_Pod._index__id_")).as("the stock backend's _id index").isEqualTo(20);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> pods = client.getDatabase("bcs").getCollection("dyn_Pod");
            assertThat(pendingIn(pods, "c0")).containsExactly("c0/ns/0", "c0/ns/10", "c0/ns/12", "c0/ns/14", "c0/ns/16",
                    "c0/ns/18", "c0/ns/2", "c0/ns/4", "c0/ns/6", "c0/ns/8");
            assertThat(pendingIn(pods, "c1")).isEmpty();
            assertThat(pods.find(Filters.eq("_id", "c1/ns/19")).first()).containsEntry("clusterId", "c1");
        }
        assertThat(indexEntries()).isEqualTo(20);
        assertThat(entries("bcs.dyn_Pod._keys__id_")).isEqualTo(20);
        assertThat(entries("bcs.dyn_Pod._index__id_")).as("the stock backend's _id index, rebuilt").isNegative();
    }

    /**
     * Overwrites keep the file near the data, and a clean stop leaves it compact. Before: H2's
     * defaults kept every chunk 45 s, and this loop grew the file to 34 MB.
     */
    @Test
    void overwritesDoNotGrowTheFileAndAStopCompactsIt() throws Exception {
        String padding = "abcdefghij".repeat(100);
        long peak = 0;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> pods = client.getDatabase("bcs").getCollection("dyn_Pod");
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 200; i++) {
                    pods.replaceOne(Filters.eq("_id", "c0/ns/" + i), pod(0, i, padding + round), new ReplaceOptions().upsert(true));
                }
                peak = Math.max(peak, Files.size(dataDir.resolve(EmbeddedMongoServer.FILE_NAME)));
            }
            assertThat(pods.countDocuments()).isEqualTo(200);
        }
        long live = 200L * 1_100;
        assertThat(peak).as("largest file while overwriting %d bytes of documents 20 times", live).isLessThan(40 * live);
        long stopped = Files.size(dataDir.resolve(EmbeddedMongoServer.FILE_NAME));
        assertThat(stopped).as("file after a clean stop").isLessThan(2 * live);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Document last = client.getDatabase("bcs").getCollection("dyn_Pod").find(Filters.eq("_id", "c0/ns/199")).first();
            assertThat(last).isNotNull();
            assertThat(last.getString("padding")).endsWith("19");
        }
    }

    /** A stop killed while compacting leaves the new file beside the old one; the next start keeps the old one whole. */
    @Test
    void aCompactionCutShortLeavesTheStoreAsItWas() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("bcs").getCollection("dyn_Pod").insertOne(pod(0, 1, "kept"));
        }
        Path file = dataDir.resolve(EmbeddedMongoServer.FILE_NAME);
        Files.writeString(Path.of(file + ".tempFile"), "half a copy");

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("bcs").getCollection("dyn_Pod").find().first()).containsEntry("padding", "kept");
        }
        assertThat(Path.of(file + ".tempFile")).doesNotExist();
    }

    @Test
    void aSecondProcessCannotOpenTheStoreWhileTheFirstHoldsItCompactionIncluded() throws Exception {
        try (EmbeddedMongoServer first = EmbeddedMongoServer.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedMongoServer.start(dataDir)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("is in use by another process");
        }
        // what a stopping process holds while it compacts the closed file: the lock, and no H2 lock
        Path lockFile = dataDir.resolve(EmbeddedMongoServer.FILE_NAME + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertThatThrownBy(() -> EmbeddedMongoServer.start(dataDir)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("is in use by another process");
        }
        try (EmbeddedMongoServer again = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(again.connectionString())) {
            client.getDatabase("bcs").getCollection("dyn_Pod").insertOne(pod(1, 1, ""));
        }
    }
}
