package com.bkbcs.storage.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static com.bkbcs.storage.domain.StoredFields.CREATE_TIME;
import static com.bkbcs.storage.domain.StoredFields.UPDATE_TIME;

/**
 * Upserts that survive racing first writes: two upserts of one new {@code _id} may both try to insert,
 * and the loser gets a duplicate-key error; repeated, it finds the document and updates it. Every
 * upsert stamps its times the same way ({@link #stamped}).
 */
final class MongoWrites {
    private static final Logger log = LoggerFactory.getLogger(MongoWrites.class);
    private static final int ATTEMPTS = 3;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private MongoWrites() {
    }

    /**
     * The update of an upsert stamped with the write's time: {@code set} replaces fields,
     * {@code updateTime} becomes {@code now} unless a later time is stored ({@code $max}), and
     * {@code createTime} is {@code now} only when this write inserts the document
     * ({@code $setOnInsert}). Writes take their times before they reach the server and land in any
     * order; this way the stored createTime is the time of the write that created the document, and
     * updateTime, the latest time of any write, is never before it and never goes back.
     */
    static Document stamped(Document set, Instant now) {
        return stamped(set, new Document(), now);
    }

    /** As {@link #stamped(Document, Instant)}, with more fields set only on insert. */
    static Document stamped(Document set, Document setOnInsert, Instant now) {
        Date at = Date.from(now);
        return new Document("$set", set)
                .append("$max", new Document(UPDATE_TIME, at))
                .append("$setOnInsert", new Document(setOnInsert).append(CREATE_TIME, at));
    }

    /** One {@code updateOne} with upsert, repeated after a lost insert race; failures translated. */
    static void upsert(MongoCollection<Document> collection, Bson filter, Bson update, String what) {
        retryingDuplicates(what, () -> collection.updateOne(filter, update, UPSERT));
    }

    /** One ordered bulk write of idempotent upserts, repeated after a lost insert race; failures translated. */
    static void bulkUpsert(MongoCollection<Document> collection, List<? extends WriteModel<Document>> upserts, String what) {
        if (!upserts.isEmpty()) {
            retryingDuplicates(what, () -> collection.bulkWrite(upserts));
        }
    }

    private static void retryingDuplicates(String what, Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (MongoServerException e) {
                if (attempt < ATTEMPTS && isDuplicateKey(e)) {
                    log.debug("upsert of {} lost an insert race, retrying", what);
                    continue;
                }
                throw MongoFailures.translate("upsert", e);
            } catch (RuntimeException e) {
                throw MongoFailures.translate("upsert", e);
            }
        }
    }

    static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return e instanceof MongoServerException server
                && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
