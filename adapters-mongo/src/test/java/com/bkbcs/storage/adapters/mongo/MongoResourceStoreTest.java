package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.port.out.ResourceStoreContract;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract against mongo-java-server (memory backend), reached over TCP by the real driver,
 * plus what only this adapter promises: how documents are laid out.
 */
class MongoResourceStoreTest extends ResourceStoreContract {
    private static MongoServer server;
    private static MongoConnection connection;
    private static MongoResourceStore store;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new IndexSafeMemoryBackend());
        server.bind("127.0.0.1", 0);
        connection = MongoConnection.connect("mongodb://127.0.0.1:" + server.getLocalAddress().getPort(), "bcs_storage_test");
        store = new MongoResourceStore(connection.database(), QueryKinds.timePaths());
    }

    @AfterAll
    static void stopServer() {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Override
    protected ResourceStore store() {
        return store;
    }

    private static MongoDatabase database() {
        return connection.database();
    }

    @Test
    void storesTheDocumentLayoutWithHostileKeysEncoded() {
        String cluster = newCluster();
        ResourceKey key = ResourceKey.namespaced(cluster, "default", "Pod", "p");
        Map<String, Object> data = map("metadata", map("labels", map("app.kubernetes.io/name", "web", "$x", "y")),
                "", map("%", List.of(map("a\u0000b", 1))), "plain", "value");

        store.upsert(key, data, at(1));
        store.upsert(key, data, at(2));

        Document raw = database().getCollection("dyn_Pod").find(new Document("_id", key.id())).first();
        assertThat(raw).isNotNull();
        assertThat(new ArrayList<>(raw.keySet())).containsExactlyInAnyOrder(
                "_id", "clusterId", "namespace", "resourceType", "resourceName", "data", "_times", "createTime", "updateTime",
                "revision", "_created");
        assertThat(raw.get("clusterId")).isEqualTo(cluster);
        assertThat(raw.get("namespace")).isEqualTo("default");
        assertThat(raw.get("resourceType")).isEqualTo("Pod");
        assertThat(raw.get("resourceName")).isEqualTo("p");
        assertThat(raw.get("createTime")).isEqualTo(Date.from(at(1)));
        assertThat(raw.get("updateTime")).isEqualTo(Date.from(at(2)));
        assertThat(raw.get("data", Document.class)).isEqualTo(new Document()
                .append("metadata", new Document("labels", new Document("app%2Ekubernetes%2Eio/name", "web").append("%24x", "y")))
                .append("%", new Document("%25", List.of(new Document("a%00b", 1))))
                .append("plain", "value"));
    }

    @Test
    void clusterScopedDocumentsHaveNoNamespaceField() {
        ResourceKey key = ResourceKey.clusterScoped(newCluster(), "Node", "n1");

        store.upsert(key, map("v", 1), at(1));

        Document raw = database().getCollection("dyn_Node").find(new Document("_id", key.id())).first();
        assertThat(raw).isNotNull().doesNotContainKey("namespace");
    }

    @Test
    void bigNumbersAreStoredAsDecimal128SoTheServerComparesThemByValue() {
        ResourceKey key = ResourceKey.namespaced(newCluster(), "default", "Metric", "m");

        store.upsert(key, map("big", new java.math.BigInteger("123456789012345678901234567890"), "dec", new BigDecimal("0.5")), at(1));

        Document data = database().getCollection("dyn_Metric").find(new Document("_id", key.id())).first()
                .get("data", Document.class);
        assertThat(data.get("big")).isEqualTo(new Decimal128(new BigDecimal("123456789012345678901234567890")));
        assertThat(data.get("dec")).isEqualTo(new Decimal128(new BigDecimal("0.5")));
    }

    @Test
    void oneCollectionPerTypeNamedCaseSensitivelyAndHashedWhenNeeded() {
        String cluster = newCluster();
        store.upsert(ResourceKey.namespaced(cluster, "ns", "Ingress", "a"), map(), at(1));
        store.upsert(ResourceKey.namespaced(cluster, "ns", "ingress", "a"), map(), at(1));
        store.upsert(ResourceKey.namespaced(cluster, "ns", "networking.k8s.io Ingress", "a"), map(), at(1));

        String hashed = MongoResourceStore.collectionName("networking.k8s.io Ingress");
        assertThat(hashed).matches("dyn_x_[0-9a-f]{64}");
        assertThat(MongoResourceStore.collectionName("Ingress")).isEqualTo("dyn_Ingress");
        assertThat(MongoResourceStore.collectionName("a".repeat(60))).isEqualTo("dyn_" + "a".repeat(60));
        assertThat(MongoResourceStore.collectionName("a".repeat(61))).startsWith("dyn_x_");
        List<String> names = database().listCollectionNames().into(new ArrayList<>());
        assertThat(names).contains("dyn_Ingress", "dyn_ingress", hashed);
        assertThat(database().getCollection("dyn_Ingress").countDocuments(new Document("clusterId", cluster))).isEqualTo(1);
        assertThat(database().getCollection(hashed).countDocuments(new Document("clusterId", cluster))).isEqualTo(1);
    }

    @Test
    void createsTheScopeAndTimeIndexesOnFirstWrite() {
        store.upsert(ResourceKey.namespaced(newCluster(), "ns", "IndexedKind", "a"), map(), at(1));

        List<Document> indexes = database().getCollection("dyn_IndexedKind").listIndexes().into(new ArrayList<>());
        assertThat(indexes).extracting(index -> index.get("key", Document.class)).contains(
                new Document("clusterId", 1).append("namespace", 1).append("_id", 1),
                new Document("clusterId", 1).append("updateTime", 1));
    }

    @Test
    void keepsNormalizedInstantsOfReportedTimesAndIndexesThemPerType() {
        String cluster = newCluster();
        store.upsert(ResourceKey.namespaced(cluster, "ns", "Pod", "p"), map("metadata",
                map("creationTimestamp", "2017-10-16T15:34:52+08:00"), "status", map("startTime", "not a time")), at(1));

        Document raw = database().getCollection("dyn_Pod").find(new Document("clusterId", cluster)).first();
        assertThat(raw.get("_times", Document.class)).isEqualTo(new Document("data",
                new Document("metadata", new Document("creationTimestamp", Date.from(java.time.Instant.parse("2017-10-16T07:34:52Z"))))));
        List<Document> indexes = database().getCollection("dyn_Pod").listIndexes().into(new ArrayList<>());
        assertThat(indexes).extracting(index -> index.get("key", Document.class)).contains(
                new Document("clusterId", 1).append("_times.data.metadata.creationTimestamp", 1),
                new Document("clusterId", 1).append("_times.data.status.startTime", 1));
    }

    @Test
    void aDocumentAboveTheSizeLimitIsTooLarge() {
        ResourceKey key = ResourceKey.namespaced(newCluster(), "ns", "Pod", "huge");

        assertThatThrownBy(() -> store.upsert(key, map("blob", "x".repeat(17 * 1024 * 1024)), at(1)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TOO_LARGE));
        assertThat(store.find(key)).isEmpty();
    }
}
