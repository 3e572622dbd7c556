package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What a bare mongodb-driver-sync client gets out of a MongoDB-wire server, for the bench to hold
 * the service's numbers against: {@code replaceOne} upserts by {@code _id} and finds by {@code _id}
 * of prepared documents in a collection of its own, with nothing of this project's adapter in
 * between (no revisions, no change log, no guards, no metrics). The documents are converted from
 * JSON once, up front, so an operation times the driver and the server only.
 *
 * <p>Not part of the service: nothing but the bench uses it. Thread-safe, as the driver's client is.
 */
public final class DriverCeiling implements AutoCloseable {
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoClient client;
    private final MongoCollection<Document> collection;
    private final String[] ids;
    private final Document[] documents;

    private DriverCeiling(MongoClient client, MongoCollection<Document> collection, String[] ids, Document[] documents) {
        this.client = client;
        this.collection = collection;
        this.ids = ids;
        this.documents = documents;
    }

    /**
     * The bytes of every document the database holds, as the server counts them ({@code dbStats}'s
     * {@code dataSize}, BSON): what a store file is measured against when more than the documents
     * a client wrote is live (the change log of watches, revisions, counters).
     */
    public static long dataBytes(String uri, String database) {
        try (MongoClient client = MongoClients.create(uri)) {
            Object size = client.getDatabase(database).runCommand(new Document("dbStats", 1)).get("dataSize");
            return size instanceof Number number ? number.longValue() : 0;
        }
    }

    /**
     * Connects to {@code uri} and prepares {@code count} documents: document {@code i} is
     * {@code json.apply(i)} parsed into BSON, with {@code _id} {@code id.apply(i)}.
     *
     * @throws IllegalArgumentException when a JSON text is not a JSON object
     */
    public static DriverCeiling open(String uri, String database, String collection, int count, IntFunction<String> id,
                                     IntFunction<String> json) {
        Objects.requireNonNull(uri, "uri");
        String[] ids = new String[count];
        Document[] documents = new Document[count];
        for (int i = 0; i < count; i++) {
            ids[i] = id.apply(i);
            try {
                documents[i] = Document.parse(json.apply(i)).append("_id", ids[i]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("document " + i + " is not a JSON object: " + e.getMessage(), e);
            }
        }
        MongoClient client = MongoClients.create(uri);
        return new DriverCeiling(client, client.getDatabase(database).getCollection(collection), ids, documents);
    }

    public int count() {
        return ids.length;
    }

    /** {@code replaceOne({_id}, document i, upsert)}. */
    public void upsert(int i) {
        try {
            collection.replaceOne(Filters.eq("_id", ids[i]), documents[i], UPSERT);
        } catch (MongoException e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "raw upsert failed: " + e.getMessage(), e);
        }
    }

    /** {@code find({_id}).first()}: whether document {@code i} is there. */
    public boolean find(int i) {
        try {
            return collection.find(Filters.eq("_id", ids[i])).first() != null;
        } catch (MongoException e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "raw find failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
