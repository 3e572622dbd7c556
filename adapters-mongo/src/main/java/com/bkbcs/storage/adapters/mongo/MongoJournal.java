package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.adapters.mongo.MongoQueries.Translation;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.journal.JournalEntry;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Page;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One journal (events or alarms) in MongoDB or the embedded store.
 *
 * <p>Layout: one collection per cluster, {@code evt_<clusterId>} for events and {@code alm_<clusterId>}
 * for alarms (hashed like resource types when the id is not made of {@code [A-Za-z0-9_-]}). On
 * the embedded store, whose indexes serve only equality on leading keys (these lead with a time),
 * a query scans the collections it reads; one collection per cluster keeps that to the cluster's
 * own entries (retention caps it, 10,000 by default), and the per-cluster cap reads a
 * collection's size in constant time. A document is the
 * entry's document form: {@code _id} (a new ObjectId's hex text, so later appends sort after earlier
 * ones), the reported fields, the reported time and {@code createTime} as BSON dates, {@code data}
 * with its keys encoded by {@link FieldNameCodec}.
 *
 * <p>Lists are sorted by {@code {<time>: -1, _id: -1}}. A list of one cluster is one query, paged by
 * the server; a list of several (or all) clusters merges their sorted cursors here, each cut to
 * {@code offset + length}, then pages. Indexes, created on a collection's first write in this process
 * (real MongoDB uses them; the embedded store the object one, by equality): {@code {<time>: -1, _id: -1}} (the list
 * order and time ranges), for events {@code {extraInfo.namespace, extraInfo.name, eventTime: -1, _id: -1}}
 * and for alarms {@code {namespace, receivedTime: -1, _id: -1}} (the objects consoles ask about),
 * and {@code {createTime: 1, _id: 1}} (retention).
 */
public final class MongoJournal implements Journal {

    private final MongoDatabase database;
    private final JournalKind kind;
    private final String prefix;
    private final Bson order;
    private final IndexKeeper indexes = new IndexKeeper();

    public MongoJournal(MongoDatabase database, JournalKind kind) {
        this.database = Objects.requireNonNull(database, "database");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.prefix = collectionPrefix(kind);
        this.order = Sorts.orderBy(Sorts.descending(kind.timeField()), Sorts.descending(StoredFields.ID));
    }

    static String collectionPrefix(JournalKind kind) {
        return switch (kind) {
            case EVENTS -> "evt_";
            case ALARMS -> "alm_";
        };
    }

    /** The collection holding the cluster's entries of this journal. */
    public String collectionName(String clusterId) {
        return CollectionNames.of(prefix, clusterId);
    }

    @Override
    public JournalKind kind() {
        return kind;
    }

    @Override
    public String append(JournalEntry entry, Instant storedAt) {
        if (entry.journal() != kind) {
            throw new IllegalArgumentException("a " + entry.journal() + " entry in the " + kind + " journal");
        }
        String id = new ObjectId().toHexString();
        Document document = (Document) BsonValues.toBson(entry.toDocument(id, storedAt));
        MongoCollection<Document> collection = database.getCollection(collectionName(entry.clusterId()));
        MongoFailures.run("append", () -> collection.insertOne(document));
        indexes.ensure(collection, this::indexes);
        return id;
    }

    @Override
    public JournalPage list(JournalQuery query) {
        Translation filter = MongoQueries.translate(List.of(), query.filter().conditions(), this::datesOf);
        List<MongoCollection<Document>> collections = collections(query.clusterIds());
        long total = MongoFailures.call("count", () -> count(collections, filter));
        if (collections.size() == 1) {
            return new JournalPage(total, MongoQueries.list(collections.get(0), filter, order, query.page(),
                    query.projection(), this::toDocument));
        }
        return new JournalPage(total, merged(collections, filter, query.page()).map(query.projection()::apply));
    }

    private long count(List<MongoCollection<Document>> collections, Translation filter) {
        long total = 0;
        for (MongoCollection<Document> collection : collections) {
            if (filter.pagedByServer()) {
                total += collection.countDocuments(filter.pushed());
            } else {
                FindIterable<Document> find = MongoQueries.perBatch(collection, filter.pushed());
                try (Stream<Document> documents = MongoQueries.stream(find.cursor())) {
                    total += documents.map(this::toDocument).filter(filter::matches).count();
                }
            }
        }
        return total;
    }

    /**
     * The sorted entries of several collections as one sorted stream, paged. Each cursor reads at most
     * {@code offset + length} entries when the server evaluates the whole filter.
     */
    private Stream<Map<String, Object>> merged(List<MongoCollection<Document>> collections, Translation filter, Page page) {
        if (page.limit().isPresent() && page.limit().getAsInt() == 0) {
            return Stream.empty();
        }
        List<Stream<Document>> opened = new ArrayList<>(collections.size());
        try {
            for (MongoCollection<Document> collection : collections) {
                FindIterable<Document> find = MongoQueries.perBatch(collection, filter.pushed()).sort(order);
                if (filter.pagedByServer() && page.limit().isPresent()) {
                    find.limit((int) Math.min(Integer.MAX_VALUE, (long) page.offset() + page.limit().getAsInt()));
                }
                opened.add(MongoQueries.stream(MongoFailures.call("list", find::cursor)));
            }
        } catch (RuntimeException e) {
            opened.forEach(Stream::close);
            throw e;
        }
        List<Iterator<Map<String, Object>>> sources = opened.stream()
                .map(stream -> stream.map(this::toDocument).filter(filter::matches).iterator())
                .toList();
        Stream<Map<String, Object>> documents = StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                        new MergingIterator(sources, newestFirst()), Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> opened.forEach(Stream::close))
                .skip(page.offset());
        return page.limit().isPresent() ? documents.limit(page.limit().getAsInt()) : documents;
    }

    private Comparator<Map<String, Object>> newestFirst() {
        return Comparator.comparing((Map<String, Object> document) -> (Instant) document.get(kind.timeField()),
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(document -> (String) document.get(StoredFields.ID))
                .reversed();
    }

    @Override
    public long removeStoredBefore(Instant cutoff) {
        Bson old = Filters.lt(JournalKind.STORED_AT, Date.from(cutoff));
        long removed = 0;
        for (MongoCollection<Document> collection : collections(List.of())) {
            removed += MongoFailures.call("removeStoredBefore", () -> collection.deleteMany(old).getDeletedCount());
        }
        return removed;
    }

    /**
     * Per collection: its size first (constant time on both stores), and only when it exceeds
     * {@code keep}, the {@code keep}-th most recently stored entry as the cut, and every entry stored
     * before it (or at the same time but appended earlier) removed in one delete.
     */
    @Override
    public long trimClusters(int keep) {
        long removed = 0;
        for (MongoCollection<Document> collection : collections(List.of())) {
            removed += MongoFailures.call("trimClusters", () -> trim(collection, keep));
        }
        return removed;
    }

    private long trim(MongoCollection<Document> collection, int keep) {
        if (collection.estimatedDocumentCount() <= keep) {
            return 0;
        }
        Document cut = collection.find()
                .sort(Sorts.orderBy(Sorts.descending(JournalKind.STORED_AT), Sorts.descending(StoredFields.ID)))
                .skip(keep).limit(1)
                .projection(Projections.include(JournalKind.STORED_AT, StoredFields.ID))
                .first();
        if (cut == null) {
            return 0;
        }
        Object storedAt = cut.get(JournalKind.STORED_AT);
        Bson older = Filters.or(Filters.lt(JournalKind.STORED_AT, storedAt),
                Filters.and(Filters.eq(JournalKind.STORED_AT, storedAt), Filters.lte(StoredFields.ID, cut.get(StoredFields.ID))));
        return collection.deleteMany(older).getDeletedCount();
    }

    /** The given clusters' collections, or every collection of this journal when none is given. */
    private List<MongoCollection<Document>> collections(List<String> clusterIds) {
        List<String> names = clusterIds.isEmpty()
                ? MongoFailures.call("list collections", () -> database.listCollectionNames().into(new ArrayList<>()))
                        .stream().filter(name -> name.startsWith(prefix)).sorted().toList()
                : clusterIds.stream().map(this::collectionName).toList();
        return names.stream().map(database::getCollection).toList();
    }

    /** The reported time and the storing time are dates; other time ranges are read here. */
    private Optional<String> datesOf(FieldPath path) {
        if (path.size() == 1 && (path.first().equals(kind.timeField()) || path.first().equals(JournalKind.STORED_AT))) {
            return Optional.of(path.first());
        }
        return Optional.empty();
    }

    private Map<String, Object> toDocument(Document stored) {
        Map<String, Object> document = new LinkedHashMap<>(16);
        for (String field : kind.fields()) {
            if (stored.containsKey(field)) {
                document.put(field, BsonValues.fromBson(stored.get(field)));
            }
        }
        return document;
    }

    private List<IndexModel> indexes() {
        String time = kind.timeField();
        Bson byObject = kind == JournalKind.EVENTS
                ? Indexes.compoundIndex(Indexes.ascending("extraInfo.namespace", "extraInfo.name"),
                        Indexes.descending(time, StoredFields.ID))
                : Indexes.compoundIndex(Indexes.ascending("namespace"), Indexes.descending(time, StoredFields.ID));
        return List.of(
                new IndexModel(Indexes.descending(time, StoredFields.ID)),
                new IndexModel(byObject),
                new IndexModel(Indexes.ascending(JournalKind.STORED_AT, StoredFields.ID)));
    }

    /** A k-way merge of sorted iterators. */
    private static final class MergingIterator implements Iterator<Map<String, Object>> {
        private record Head(Map<String, Object> document, Iterator<Map<String, Object>> rest) {
        }

        private final List<Iterator<Map<String, Object>>> unstarted;
        private final PriorityQueue<Head> heads;
        private boolean started;

        MergingIterator(List<Iterator<Map<String, Object>>> sources, Comparator<Map<String, Object>> order) {
            this.unstarted = sources;
            this.heads = new PriorityQueue<>(Math.max(1, sources.size()), Comparator.comparing(Head::document, order));
        }

        private void start() {
            if (!started) {
                started = true;
                unstarted.forEach(this::advance);
            }
        }

        private void advance(Iterator<Map<String, Object>> source) {
            if (source.hasNext()) {
                heads.add(new Head(source.next(), source));
            }
        }

        @Override
        public boolean hasNext() {
            start();
            return !heads.isEmpty();
        }

        @Override
        public Map<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Head head = heads.poll();
            advance(head.rest());
            return head.document();
        }
    }
}
