package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.application.port.out.MetricStoreContract;
import com.bkbcs.storage.domain.metric.MetricKey;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metric contract against mongo-java-server over TCP, plus the document layout. */
class MongoMetricStoreTest extends MetricStoreContract {
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
    protected MetricStore newStore() {
        database = mongo.freshDatabase();
        return new MongoMetricStore(database);
    }

    @Test
    void storesOneDocumentPerKeyInTheMetricCollection() {
        MetricStore store = newStore();
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        store.upsert(new MetricKey("c", "ns", "cpu", "web"), map("a.b", 1), t);

        Document raw = database.getCollection("metric").find().first();
        assertThat(raw).isEqualTo(new Document("_id", "c/ns/cpu/web").append("clusterId", "c").append("namespace", "ns")
                .append("type", "cpu").append("name", "web").append("data", new Document("a%2Eb", 1))
                .append("updateTime", Date.from(t)).append("createTime", Date.from(t)));
        List<Document> keys = new ArrayList<>();
        database.getCollection("metric").listIndexes().forEach(index -> keys.add(index.get("key", Document.class)));
        assertThat(keys).contains(new Document("clusterId", 1).append("_id", 1));
    }
}
