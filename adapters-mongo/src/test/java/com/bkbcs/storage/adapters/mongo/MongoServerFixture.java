package com.bkbcs.storage.adapters.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One mongo-java-server (memory backend) on a free loopback port, reached over TCP by the real
 * driver, handing out a fresh database per call so that each contract test starts empty.
 */
final class MongoServerFixture implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final MongoServer server;
    private final MongoClient client;

    MongoServerFixture() {
        server = new MongoServer(new IndexSafeMemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    MongoDatabase freshDatabase() {
        return client.getDatabase("contract_" + DATABASES.incrementAndGet());
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
