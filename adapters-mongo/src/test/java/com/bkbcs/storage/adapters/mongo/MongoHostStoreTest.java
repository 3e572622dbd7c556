package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.application.port.out.HostStoreContract;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The host contract against mongo-java-server over TCP, plus the document layout. */
class MongoHostStoreTest extends HostStoreContract {
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
    protected HostStore newStore() {
        database = mongo.freshDatabase();
        return new MongoHostStore(database);
    }

    @Test
    void storesOneDocumentPerIpAndCreatesAssignedHostsWithNullData() {
        HostStore store = newStore();
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        store.assign("c", List.of("10.0.0.1"), false, t);

        Document raw = database.getCollection("host").find().first();
        assertThat(raw).isEqualTo(new Document("_id", "10.0.0.1").append("ip", "10.0.0.1").append("clusterId", "c")
                .append("updateTime", Date.from(t)).append("data", null).append("createTime", Date.from(t)));
    }
}
