package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A collection of the embedded store whose finds read their documents one batch at a time.
 *
 * <p>mongo-java-server collects every document a find matches into a list before it answers the
 * first batch, so listing 100,000 pods holds them all in the heap at once. Here a find in batches
 * (the driver always asks for them) whose order is the positions' own (no sort) or the {@code _id}
 * order (the service's lists) keeps only the positions it will read, which in this backend are the
 * {@code _id} values themselves, and loads, matches and projects the documents of each batch when
 * the batch is asked for. A document deleted meanwhile is skipped, and one changed meanwhile is read
 * as it is then: as MongoDB's own cursors do, a long list is not a snapshot. Other finds (other
 * sorts, no batch size, updates and deletes, which find without one) take the stock path.
 *
 * <p>Batches are read under the collection's lock, like every operation of this backend, but a
 * list no longer holds it for its whole length.
 */
final class StreamingCollection extends H2Collection {
    private static final Document ID_ASCENDING = new Document("_id", 1);

    private final MVMap<Object, Document> dataMap;

    StreamingCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.dataMap = dataMap;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy, int numberToSkip,
                                         int limit, int batchSize, Document fieldSelector) {
        Optional<List<Object>> ordered = inOrder(positions, orderBy);
        if (batchSize <= 0 || limit < 0 || ordered.isEmpty()) {
            return super.matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return firstBatch(new Batches(cursorRegistry.generateCursorId(), this, query, ordered.get(), numberToSkip, limit,
                fieldSelector), batchSize);
    }

    /** No index serves the query: every key, in the map's order, which is the {@code _id} order. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        if (batchSize <= 0 || limit < 0 || !(isUnordered(orderBy) || ID_ASCENDING.equals(orderBy))) {
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return firstBatch(new Batches(cursorRegistry.generateCursorId(), this, query, new ArrayList<>(dataMap.keySet()),
                numberToSkip, limit, fieldSelector), batchSize);
    }

    private QueryResult firstBatch(Batches cursor, int batchSize) {
        List<Document> first = cursor.takeDocuments(batchSize);
        if (cursor.isEmpty()) {
            return new QueryResult(first);
        }
        cursorRegistry.add(cursor);
        return new QueryResult(first, cursor);
    }

    /**
     * The positions in the order the find asks for: as the index gave them when it asks for none,
     * sorted by {@code _id} (the positions are the {@code _id}s) when it asks for that; empty for any
     * other order.
     */
    private static Optional<List<Object>> inOrder(Iterable<Object> positions, Document orderBy) {
        boolean byId = ID_ASCENDING.equals(orderBy);
        if (!byId && !isUnordered(orderBy)) {
            return Optional.empty();
        }
        List<Object> list = new ArrayList<>();
        positions.forEach(list::add);
        if (byId) {
            list.sort(ValueComparator.asc());
        }
        return Optional.of(list);
    }

    private static boolean isUnordered(Document orderBy) {
        return orderBy == null || orderBy.isEmpty();
    }

    /** The next up to {@code count} documents of {@code cursor}: read, matched, skipped, projected. */
    private synchronized List<Document> next(Batches cursor, int count) {
        List<Document> batch = new ArrayList<>(Math.min(count, 1024));
        while (batch.size() < count && !cursor.isEmpty()) {
            Document document = getDocument(cursor.positions.get(cursor.next++));
            if (document == null || !documentMatchesQuery(document, cursor.query)) {
                continue; // deleted, or changed, since the find
            }
            if (cursor.toSkip > 0) {
                cursor.toSkip--;
                continue;
            }
            batch.add(document);
            cursor.remaining--;
        }
        if (cursor.fieldSelector == null || cursor.fieldSelector.isEmpty() || batch.isEmpty()) {
            return batch;
        }
        // the stock projection, applied to this batch alone (the empty query matches every document)
        return matchDocumentsFromStream(new Document(), batch.stream(), 0, 0, 0, null, cursor.fieldSelector)
                .collectDocuments();
    }

    /** A find's place in its positions; each batch is read when the client asks for it. */
    private static final class Batches extends AbstractCursor {
        private final StreamingCollection collection;
        private final Document query;
        private final List<Object> positions;
        private final Document fieldSelector;
        private int next;
        private int toSkip;
        private long remaining;

        Batches(long id, StreamingCollection collection, Document query, List<Object> positions, int skip, int limit,
                Document fieldSelector) {
            super(id);
            this.collection = collection;
            this.query = query;
            this.positions = positions;
            this.fieldSelector = fieldSelector;
            this.toSkip = skip;
            this.remaining = limit > 0 ? limit : Long.MAX_VALUE;
        }

        @Override
        public boolean isEmpty() {
            return next >= positions.size() || remaining <= 0;
        }

        @Override
        public List<Document> takeDocuments(int numberToReturn) {
            return collection.next(this, numberToReturn > 0 ? numberToReturn : Integer.MAX_VALUE);
        }
    }
}
