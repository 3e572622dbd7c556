package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.ErrorKind;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Creates a collection's indexes once per process, after its first write. A failure never fails
 * the write it follows: the stores work without their indexes. Creation is tried again on a later
 * write when the server was unreachable, and not otherwise (an index with the same keys but other
 * options may exist, for one). A real MongoDB uses them as it sees fit; the embedded store serves
 * equality on their leading keys.
 */
final class IndexKeeper {
    private static final Logger log = LoggerFactory.getLogger(IndexKeeper.class);

    private final Set<String> done = ConcurrentHashMap.newKeySet();

    void ensure(MongoCollection<Document> collection, Supplier<List<IndexModel>> indexes) {
        String name = collection.getNamespace().getCollectionName();
        if (done.contains(name)) {
            return;
        }
        try {
            collection.createIndexes(indexes.get());
            done.add(name);
        } catch (RuntimeException e) {
            log.warn("could not create the indexes of {}: {}", name, e.getMessage());
            if (MongoFailures.kindOf(e) != ErrorKind.UNAVAILABLE) {
                done.add(name);
            }
        }
    }
}
