package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.adapters.mongo.MongoQueries.Translation;
import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.change.ChangeType;
import com.bkbcs.storage.domain.kind.TimePaths;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;
import com.bkbcs.storage.domain.query.TimeValues;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static com.bkbcs.storage.domain.Resource.RESOURCE_NAME;
import static com.bkbcs.storage.domain.Resource.RESOURCE_TYPE;
import static com.bkbcs.storage.domain.StoredFields.CLUSTER_ID;
import static com.bkbcs.storage.domain.StoredFields.CREATE_TIME;
import static com.bkbcs.storage.domain.StoredFields.DATA;
import static com.bkbcs.storage.domain.StoredFields.ID;
import static com.bkbcs.storage.domain.StoredFields.NAMESPACE;
import static com.bkbcs.storage.domain.StoredFields.REVISION;
import static com.bkbcs.storage.domain.StoredFields.UPDATE_TIME;

/**
 * Dynamic resources in MongoDB, or in anything speaking its wire protocol (the embedded
 * mongo-java-server included: this class is the same for both).
 *
 * <p>Layout: one collection per resource type, {@code dyn_<type>} when the type is made of
 * {@code [A-Za-z0-9_-]} (at most 60 characters), else {@code dyn_x_<sha-256 of the type>};
 * collection names are case-sensitive like types. A document is {@code _id} (the key's id),
 * {@code clusterId}, {@code namespace} (absent for cluster-scoped resources), {@code resourceType},
 * {@code resourceName}, {@code data} (keys encoded by {@link FieldNameCodec}), and
 * {@code createTime}/{@code updateTime} as BSON dates, {@code revision} (its last write's) and
 * {@code _created} (the revision that created it), and {@code _deleted} while a delete is between
 * marking and removing it. Reads by key go through {@code _id}, which every store indexes. Every
 * write takes a revision and records its change in the {@link MongoChangeLog}, whose comment says
 * why no reader of the changes can skip one.
 *
 * <p>Indexes: on the first write to a collection (per process) this store creates
 * {@code {clusterId, namespace, _id}} (scope filter plus the list order) and
 * {@code {clusterId, updateTime}} (batch deletes by time), {@code {revision}} and the typed
 * queries' time paths. Real MongoDB uses them; the embedded store serves equality on their
 * leading keys (the cluster, the namespace), so a filtered query there reads its cluster's
 * documents of the type (see the embedded package's H2SecondaryIndex).
 *
 * <p>Semantics are the domain's: filters are translated to MongoDB operators that agree with
 * {@code Condition#test} (null candidates and absence are spelled out so that arrays on the path
 * behave as in the domain), except conditions on paths with an all-digit segment, which MongoDB
 * also reads as an array index; those are evaluated here on the decoded documents, and paging then
 * happens here too. Projections are pushed to the server as far as the top-level fields they
 * name, to cut what travels, and the domain's {@code Projection#apply} is then applied to every
 * document, so a path through an array or one naming nothing behaves exactly as in the domain on
 * every server.
 *
 * <p>A known difference of the embedded server that no adapter code can hide: mongo-java-server
 * walks into arrays nested directly in arrays when it matches a dotted path ({@code a.b} against
 * {@code {a: [[{b: 1}]]}}), where MongoDB and the domain do not, so a filter through such data may
 * match more there.
 */
public final class MongoResourceStore implements ResourceStore {

    static final String COLLECTION_PREFIX = "dyn_";
    static final String HASHED_COLLECTION_PREFIX = "dyn_x_";
    static final List<String> DOCUMENT_FIELDS =
            List.of(ID, CLUSTER_ID, NAMESPACE, RESOURCE_TYPE, RESOURCE_NAME, DATA, CREATE_TIME, UPDATE_TIME, REVISION);
    /** How long a revision may lack its change before a reader settles it (see {@link MongoChangeLog}). */
    public static final Duration SETTLE_AFTER = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 3;
    private static final int CACHED_COLLECTIONS = 4096;
    /**
     * Normalized instants of the time fields typed queries filter on (the {@link TimePaths} given),
     * kept beside {@code data} at write time: reported times are strings with any offset
     * ({@code +08:00}, {@code Z}) or unix seconds, which MongoDB cannot compare as instants. A time
     * range on such a path is answered from here, as a date range the indexes can serve.
     */
    static final String TIMES = "_times";

    private final MongoDatabase database;
    private final TimePaths timePaths;
    private final IndexKeeper indexes = new IndexKeeper();
    private final Map<String, MongoCollection<Document>> collections = new ConcurrentHashMap<>();
    private final KeyLocks locks = new KeyLocks(256);
    private final MongoChangeLog changes;
    private final boolean soleWriter;

    /**
     * A store whose typed-query time ranges on {@code timePaths} compare instants, shared with other
     * processes (the safe choice for any server).
     */
    public MongoResourceStore(MongoDatabase database, TimePaths timePaths) {
        this(database, timePaths, false, Clock.systemUTC(), SETTLE_AFTER);
    }

    /**
     * A store recording its changes at the clock's times, whose readers settle a revision that has
     * lacked its change for {@code settleAfter}; {@code soleWriter} when no other process writes
     * this database (the embedded store).
     */
    public MongoResourceStore(MongoDatabase database, TimePaths timePaths, boolean soleWriter, Clock clock,
                              Duration settleAfter) {
        this.database = Objects.requireNonNull(database, "database");
        this.timePaths = Objects.requireNonNull(timePaths, "timePaths");
        this.soleWriter = soleWriter;
        this.changes = new MongoChangeLog(database, clock, settleAfter, this::stampedWith, this::finishDelete);
    }

    /** The changes of this store's resources, shared by every process using the same database. */
    public ChangeFeed changes() {
        return changes;
    }

    /** The collection holding resources of {@code resourceType}. */
    public static String collectionName(String resourceType) {
        return CollectionNames.of(COLLECTION_PREFIX, resourceType);
    }

    /**
     * Takes a revision, writes the resource stamped with it unless a write with a higher revision
     * already landed (then this write is ordered before that one and only recorded), and records
     * the change with the stored document; all in this process's turn for the key.
     */
    @Override
    public void upsert(ResourceKey key, Object data, Instant now) {
        Document set = new Document(CLUSTER_ID, key.clusterId());
        key.namespace().ifPresent(namespace -> set.append(NAMESPACE, namespace));
        set.append(RESOURCE_TYPE, key.resourceType())
                .append(RESOURCE_NAME, key.resourceName())
                .append(DATA, BsonValues.toBson(data))
                .append(TIMES, normalizedTimes(data));
        MongoCollection<Document> collection = collection(key.resourceType());
        locks.with(key.id(), () -> {
            long revision = changes.take(1);
            Document stored = MongoFailures.call("upsert", () -> write(collection, key, set, now, revision));
            ChangeType type = Objects.equals(number(stored.get(MongoChangeLog.CREATED_BY)), revision)
                    ? ChangeType.ADDED : ChangeType.MODIFIED;
            record(stored, revision, type);
            return null;
        });
        indexes.ensure(collection, () -> indexesOf(key.resourceType()));
    }

    /**
     * The stored document after the write (or, when a later write won, what this write stored),
     * built here from what was sent and the times stored before: the server returns only those,
     * not the whole document again.
     */
    private Document write(MongoCollection<Document> collection, ResourceKey key, Document set, Instant now, long revision) {
        Document update = MongoWrites.stamped(new Document(set).append(REVISION, revision),
                new Document(MongoChangeLog.CREATED_BY, revision), now);
        update.append("$unset", new Document(MongoChangeLog.DELETED_MARK, ""));
        FindOneAndUpdateOptions upsertBefore = new FindOneAndUpdateOptions().upsert(true)
                .returnDocument(ReturnDocument.BEFORE).projection(Projections.include(CREATE_TIME, UPDATE_TIME));
        Date at = Date.from(now);
        for (int attempt = 1; ; attempt++) {
            try {
                Document before = collection.findOneAndUpdate(writable(key.id(), revision, Filters.empty()), update, upsertBefore);
                Document stored = new Document(ID, key.id()).append(CREATE_TIME, before == null ? at : before.get(CREATE_TIME));
                stored.putAll(set);
                Date updated = before == null || !(before.get(UPDATE_TIME) instanceof Date last) || last.before(at) ? at : last;
                return stored.append(UPDATE_TIME, updated).append(REVISION, revision)
                        .append(MongoChangeLog.CREATED_BY, before == null ? revision : null);
            } catch (MongoServerException e) {
                if (!MongoWrites.isDuplicateKey(e)) {
                    throw e;
                }
                Document current = collection.find(Filters.eq(ID, key.id())).first();
                if (current != null && revisionOf(current) > revision) {
                    // ordered before the write that landed first; its time still counts for updateTime
                    collection.updateOne(Filters.eq(ID, key.id()), Updates.max(UPDATE_TIME, at));
                    Document superseded = new Document(ID, key.id()).append(CREATE_TIME, current.get(CREATE_TIME));
                    superseded.putAll(set);
                    return superseded.append(UPDATE_TIME, at).append(REVISION, revision);
                }
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Records the change of a write stamped with {@code revision}, under a fresh one if that was abandoned. */
    void record(Document stored, long revision, ChangeType type) {
        if (!changes.recordChange(revision, type, stored)) {
            moveToNewRevision(collection(stored.getString(RESOURCE_TYPE)), stored, revision, type);
        }
    }

    /**
     * The filter of a write of resource {@code id} with {@code revision} that also requires
     * {@code more}. Shared by several processes, the resource must carry a lower revision (or none),
     * so that racing writes land in revision order. As the sole writer (the embedded store, which
     * only this process opens), the key's turn already orders this process's writes, and the filter
     * is the {@code _id} alone: mongo-java-server answers a filter from its {@code _id} index only
     * when {@code _id} is the filter's only key, and scans the whole collection otherwise.
     */
    private Bson writable(Object id, long revision, Bson more) {
        return soleWriter ? Filters.eq(ID, id) : byId(id, Filters.and(more, olderThan(revision)));
    }

    /**
     * The filter of the resource {@code id} if it still carries {@code revision} (and, with
     * {@code marked}, the delete mark): for the sole writer checked here, in the key's turn, and
     * then the {@code _id} alone, which the embedded server's index serves.
     */
    private Optional<Bson> stillAt(MongoCollection<Document> collection, Object id, long revision, boolean marked) {
        if (!soleWriter) {
            Bson at = Filters.eq(REVISION, revision);
            return Optional.of(byId(id, marked ? Filters.and(at, Filters.eq(MongoChangeLog.DELETED_MARK, true)) : at));
        }
        Document current = collection.find(Filters.eq(ID, id))
                .projection(Projections.include(REVISION, MongoChangeLog.DELETED_MARK)).first();
        boolean still = current != null && revisionOf(current) == revision
                && (!marked || Boolean.TRUE.equals(current.get(MongoChangeLog.DELETED_MARK)));
        return still ? Optional.of(Filters.eq(ID, id)) : Optional.empty();
    }

    private static Bson byId(Object id, Bson more) {
        return new Document(ID, id).append("$and", List.of(more));
    }

    /** Matches a resource written before {@code revision}, or before revisions existed. */
    private static Bson olderThan(long revision) {
        return Filters.or(Filters.lt(REVISION, revision), Filters.exists(REVISION, false));
    }

    /**
     * The write's revision was settled as abandoned before its change was recorded: the write landed
     * late. Stamp the resource with a fresh revision and record it there, unless a later write has
     * replaced it meanwhile (then that write's change stands for the final state; the fresh
     * revision is recorded as changing nothing).
     */
    private void moveToNewRevision(MongoCollection<Document> collection, Document stored, long old, ChangeType type) {
        Object id = stored.get(ID);
        locks.with(id, () -> {
            long fresh = changes.take(1);
            Document moved = MongoFailures.call("upsert", () -> stillAt(collection, id, old, false)
                    .map(filter -> collection.findOneAndUpdate(filter, type == ChangeType.ADDED
                                    ? Updates.combine(Updates.set(REVISION, fresh), Updates.set(MongoChangeLog.CREATED_BY, fresh))
                                    : Updates.set(REVISION, fresh),
                            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                    .orElse(null));
            if (moved == null) {
                changes.recordVoid(fresh);
                return null;
            }
            changes.recordChange(fresh, type, moved);
            if (type == ChangeType.DELETED) {
                finishDelete(moved, fresh);
            }
            return null;
        });
    }

    @Override
    public Optional<Resource> find(ResourceKey key) {
        Document stored = MongoFailures.call("find",
                () -> collection(key.resourceType()).find(Filters.eq(ID, key.id())).first());
        return Optional.ofNullable(stored).map(document -> toResource(key, document));
    }

    /**
     * Marks the resource deleted with a fresh revision, records the change with its last state, then
     * removes it. Deleting what is not there takes no revision.
     */
    @Override
    public boolean delete(ResourceKey key) {
        return deleteOne(collection(key.resourceType()), key.id(), Filters.empty());
    }

    /**
     * Deletes the resource {@code id} if it is there and matches {@code filter}, in the key's turn:
     * marks it with a fresh revision, records the change, removes it.
     */
    private boolean deleteOne(MongoCollection<Document> collection, Object id, Bson filter) {
        return locks.with(id, () -> {
            boolean present = MongoFailures.call("delete", () -> collection.find(Filters.eq(ID, id))
                    .projection(Projections.include(ID)).first() != null);
            if (!present) {
                return false;
            }
            long revision = changes.take(1);
            Document marked = MongoFailures.call("delete", () -> collection.findOneAndUpdate(
                    writable(id, revision, filter),
                    Updates.combine(Updates.set(REVISION, revision), Updates.set(MongoChangeLog.DELETED_MARK, true)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
            if (marked == null) {
                changes.recordVoid(revision);
                return false;
            }
            if (changes.recordChange(revision, ChangeType.DELETED, marked)) {
                finishDelete(marked, revision);
            } else {
                moveToNewRevision(collection, marked, revision, ChangeType.DELETED);
            }
            return true;
        });
    }

    /** Removes a resource marked deleted with {@code revision}, if it still carries it. */
    void finishDelete(Document marked, long revision) {
        MongoCollection<Document> collection = collection(marked.getString(RESOURCE_TYPE));
        Object id = marked.get(ID);
        locks.with(id, () -> {
            MongoFailures.run("delete", () -> stillAt(collection, id, revision, true).ifPresent(collection::deleteOne));
            return null;
        });
    }

    @Override
    public Stream<Map<String, Object>> list(ResourceQuery query) {
        return MongoQueries.list(collection(query.scope().resourceType()), translate(query.scope(), query.filter()),
                Sorts.ascending(ID), query.page(), query.projection(), MongoResourceStore::toDocument);
    }

    /** Each matching resource is deleted as {@link #delete} does, with its own revision. */
    @Override
    public long deleteAll(ResourceScope scope, ResourceFilter filter) {
        Translation translation = translate(scope, filter);
        MongoCollection<Document> collection = collection(scope.resourceType());
        List<String> ids = new ArrayList<>();
        MongoFailures.run("deleteAll", () -> {
            try (MongoCursor<Document> cursor = MongoQueries.perBatch(collection, translation.pushed()).cursor()) {
                while (cursor.hasNext()) {
                    Map<String, Object> document = toDocument(cursor.next());
                    if (translation.matches(document)) {
                        ids.add((String) document.get(ID));
                    }
                }
            }
        });
        long removed = 0;
        for (String id : ids) {
            if (deleteOne(collection, id, translation.pushed())) {
                removed++;
            }
        }
        return removed;
    }

    /** The resource stamped with {@code revision}, in whichever type's collection. */
    private Optional<Document> stampedWith(long revision) {
        for (String name : database.listCollectionNames()) {
            if (name.startsWith(COLLECTION_PREFIX)) {
                Document found = database.getCollection(name).find(Filters.eq(REVISION, revision)).first();
                if (found != null) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    private static long revisionOf(Document stored) {
        Long revision = number(stored.get(REVISION));
        return revision == null ? 0 : revision;
    }

    private static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    @Override
    public List<String> distinctNamespaces(String clusterId, Optional<List<String>> resourceTypes) {
        return MongoFailures.call("distinctNamespaces", () -> {
            List<String> collections = resourceTypes
                    .map(types -> types.stream().map(MongoResourceStore::collectionName).toList())
                    .orElseGet(() -> database.listCollectionNames().into(new ArrayList<>()).stream()
                            .filter(name -> name.startsWith(COLLECTION_PREFIX)).toList());
            TreeSet<String> namespaces = new TreeSet<>();
            for (String name : collections) {
                database.getCollection(name).distinct(NAMESPACE,
                        Filters.and(Filters.eq(CLUSTER_ID, clusterId), Filters.type(NAMESPACE, BsonType.STRING)),
                        String.class).into(namespaces);
            }
            return List.copyOf(namespaces);
        });
    }

    /**
     * The type's collection, made once per type: the driver validates the name and builds codecs
     * for every handle, about 2 % of a read by key (profile of a GET storm). Types are callers'
     * words: past {@value #CACHED_COLLECTIONS} of them, handles are made per call again.
     */
    private MongoCollection<Document> collection(String resourceType) {
        MongoCollection<Document> cached = collections.get(resourceType);
        if (cached != null) {
            return cached;
        }
        MongoCollection<Document> made = database.getCollection(collectionName(resourceType));
        if (collections.size() < CACHED_COLLECTIONS) {
            collections.putIfAbsent(resourceType, made);
        }
        return made;
    }

    /** The scope, batch-delete and typed-query time indexes of a type's collection. */
    private List<IndexModel> indexesOf(String resourceType) {
        List<IndexModel> indexes = new ArrayList<>(List.of(
                new IndexModel(Indexes.ascending(CLUSTER_ID, NAMESPACE, ID)),
                new IndexModel(Indexes.ascending(CLUSTER_ID, UPDATE_TIME)),
                new IndexModel(Indexes.ascending(REVISION))));
        for (FieldPath timePath : timePaths.of(resourceType)) {
            indexes.add(new IndexModel(Indexes.ascending(CLUSTER_ID, TIMES + "." + FieldNameCodec.encodePath(timePath))));
        }
        return indexes;
    }

    // ---------------------------------------------------------------- filters and projections

    /**
     * A scope alone, as an anchored regular expression on {@code _id}: ids are the identity's
     * segments joined by '/' (names never contain '/') and a collection holds one type, so
     * {@code ^c/} is exactly the cluster's resources, {@code ^c/ns/type/} a namespace's and
     * {@code ^c/type/[^/]*$} the cluster-scoped ones. Both servers answer it from the {@code _id}
     * index: MongoDB through the prefix's index bounds, mongo-java-server by matching index keys
     * and reading only the documents that match, instead of decoding the whole collection. Used
     * for unfiltered lists, the commonest request.
     */
    private static Bson idScope(ResourceScope scope) {
        String cluster = quote(scope.clusterId()) + "/";
        return Filters.regex(ID, switch (scope.level()) {
            case ALL -> "^" + cluster;
            case NAMESPACE -> "^" + cluster + quote(scope.namespace().orElseThrow()) + "/" + quote(scope.resourceType()) + "/";
            case CLUSTER -> "^" + cluster + quote(scope.resourceType()) + "/[^/]*$";
        });
    }

    /** {@code text} with every regular-expression metacharacter escaped. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\.^$|?*+()[]{}-#&~ ".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }

    private Translation translate(ResourceScope scope, ResourceFilter filter) {
        if (filter.isEmpty()) {
            return MongoQueries.translate(List.of(idScope(scope)), List.of(), this::datesOf);
        }
        List<Bson> scoped = new ArrayList<>(2);
        scoped.add(Filters.eq(CLUSTER_ID, scope.clusterId()));
        switch (scope.level()) {
            case NAMESPACE -> scoped.add(Filters.eq(NAMESPACE, scope.namespace().orElseThrow()));
            case CLUSTER -> scoped.add(Filters.exists(NAMESPACE, false));
            case ALL -> {
            }
        }
        return MongoQueries.translate(scoped, filter.conditions(), this::datesOf);
    }

    /**
     * Where a time range on the path is answered from dates: the stamped times themselves, and the
     * normalized copies under {@code _times} of the reported times typed queries range on. Other
     * times inside data are not normalized and are read here.
     */
    private Optional<String> datesOf(FieldPath path) {
        if (isStampedTime(path)) {
            return Optional.of(path.first());
        }
        if (timePaths.contains(path)) {
            return Optional.of(TIMES + "." + FieldNameCodec.encodePath(path));
        }
        return Optional.empty();
    }

    /** The times this service stamps itself, stored as dates. */
    private static boolean isStampedTime(FieldPath path) {
        return path.size() == 1 && (path.first().equals(CREATE_TIME) || path.first().equals(UPDATE_TIME));
    }

    /**
     * For every time path that holds a time, its instant as a date at the
     * same (encoded) path under {@code _times}: {@code _times.data.metadata.creationTimestamp}.
     */
    private Document normalizedTimes(Object data) {
        Document times = new Document();
        if (data == null) {
            return times;
        }
        Map<String, Object> root = Map.of(DATA, data);
        for (FieldPath path : timePaths.all()) {
            for (Object value : JsonTree.resolve(root, path.segments())) {
                Optional<Instant> instant = TimeValues.instantOf(value);
                if (instant.isPresent()) {
                    Document parent = times;
                    for (String segment : path.segments().subList(0, path.size() - 1)) {
                        parent = (Document) parent.computeIfAbsent(FieldNameCodec.encode(segment), s -> new Document());
                    }
                    parent.append(FieldNameCodec.encode(path.segments().get(path.size() - 1)), Date.from(instant.get()));
                    break;
                }
            }
        }
        return times;
    }

    // ---------------------------------------------------------------- documents

    /** The domain's document form of what was read: known fields in their order, values decoded. */
    static Map<String, Object> toDocument(Document stored) {
        Map<String, Object> document = new LinkedHashMap<>(16);
        for (String field : DOCUMENT_FIELDS) {
            if (stored.containsKey(field)) {
                document.put(field, BsonValues.fromBson(stored.get(field)));
            }
        }
        return document;
    }

    private static Resource toResource(ResourceKey key, Document stored) {
        return new Resource(key, BsonValues.fromBson(stored.get(DATA)),
                instant(stored, CREATE_TIME), instant(stored, UPDATE_TIME), revisionOf(stored));
    }

    private static Instant instant(Document stored, String field) {
        if (stored.get(field) instanceof Date date) {
            return date.toInstant();
        }
        throw new StorageException(ErrorKind.INTERNAL,
                "stored resource " + stored.get(ID) + " has no date in " + field);
    }
}
