package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;
import com.bkbcs.storage.domain.query.TimeValues;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static com.bkbcs.storage.domain.Resource.CLUSTER_ID;
import static com.bkbcs.storage.domain.Resource.CREATE_TIME;
import static com.bkbcs.storage.domain.Resource.DATA;
import static com.bkbcs.storage.domain.Resource.ID;
import static com.bkbcs.storage.domain.Resource.NAMESPACE;
import static com.bkbcs.storage.domain.Resource.RESOURCE_NAME;
import static com.bkbcs.storage.domain.Resource.RESOURCE_TYPE;
import static com.bkbcs.storage.domain.Resource.UPDATE_TIME;

/**
 * Dynamic resources in MongoDB, or in anything speaking its wire protocol (the embedded
 * mongo-java-server included: this class is the same for both).
 *
 * <p>Layout: one collection per resource type, {@code dyn_<type>} when the type is made of
 * {@code [A-Za-z0-9_-]} (at most 60 characters), else {@code dyn_x_<sha-256 of the type>};
 * collection names are case-sensitive like types. A document is {@code _id} (the key's id),
 * {@code clusterId}, {@code namespace} (absent for cluster-scoped resources), {@code resourceType},
 * {@code resourceName}, {@code data} (keys encoded by {@link FieldNameCodec}), and
 * {@code createTime}/{@code updateTime} as BSON dates. Reads by key go through {@code _id}, which
 * every store indexes.
 *
 * <p>Indexes: on the first write to a collection (per process) this store creates
 * {@code {clusterId, namespace, _id}} (scope filter plus the list order) and
 * {@code {clusterId, updateTime}} (batch deletes by time). Real MongoDB uses them;
 * mongo-java-server accepts and lists them but ignores non-unique indexes, so on the embedded
 * store every non-key query scans its collection, which one collection per type keeps small.
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
    private static final Logger log = LoggerFactory.getLogger(MongoResourceStore.class);

    static final String COLLECTION_PREFIX = "dyn_";
    static final String HASHED_COLLECTION_PREFIX = "dyn_x_";
    private static final Pattern PLAIN_TYPE = Pattern.compile("[A-Za-z0-9_-]{1,60}");
    private static final List<String> DOCUMENT_FIELDS =
            List.of(ID, CLUSTER_ID, NAMESPACE, RESOURCE_TYPE, RESOURCE_NAME, DATA, CREATE_TIME, UPDATE_TIME);
    /**
     * Normalized instants of the time fields typed queries filter on ({@link QueryKinds#timePaths()}),
     * kept beside {@code data} at write time: reported times are strings with any offset
     * ({@code +08:00}, {@code Z}) or unix seconds, which MongoDB cannot compare as instants. A time
     * range on such a path is answered from here, as a date range the indexes can serve.
     */
    static final String TIMES = "_times";
    private static final Set<FieldPath> TIME_PATHS = QueryKinds.timePaths();
    private static final int BATCH_SIZE = 256;
    private static final int DELETE_BATCH = 500;
    private static final int UPSERT_ATTEMPTS = 3;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoDatabase database;
    private final Set<String> indexedCollections = ConcurrentHashMap.newKeySet();

    public MongoResourceStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** The collection holding resources of {@code resourceType}. */
    public static String collectionName(String resourceType) {
        if (PLAIN_TYPE.matcher(resourceType).matches()) {
            return COLLECTION_PREFIX + resourceType;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(resourceType.getBytes(StandardCharsets.UTF_8));
            return HASHED_COLLECTION_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void upsert(ResourceKey key, Object data, Instant now) {
        Document set = new Document(CLUSTER_ID, key.clusterId());
        key.namespace().ifPresent(namespace -> set.append(NAMESPACE, namespace));
        set.append(RESOURCE_TYPE, key.resourceType())
                .append(RESOURCE_NAME, key.resourceName())
                .append(DATA, BsonValues.toBson(data))
                .append(TIMES, normalizedTimes(data))
                .append(UPDATE_TIME, Date.from(now));
        Document update = new Document("$set", set).append("$setOnInsert", new Document(CREATE_TIME, Date.from(now)));
        Bson byId = Filters.eq(ID, key.id());
        MongoCollection<Document> collection = collection(key.resourceType());
        for (int attempt = 1; ; attempt++) {
            try {
                collection.updateOne(byId, update, UPSERT);
                ensureIndexes(collection, key.resourceType());
                return;
            } catch (MongoServerException e) {
                if (attempt < UPSERT_ATTEMPTS && ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    // two first writes raced: the other one inserted, ours now updates
                    log.debug("upsert of {} lost an insert race, retrying", key.id());
                    continue;
                }
                throw MongoFailures.translate("upsert", e);
            } catch (RuntimeException e) {
                throw MongoFailures.translate("upsert", e);
            }
        }
    }

    @Override
    public Optional<Resource> find(ResourceKey key) {
        Document stored = MongoFailures.call("find",
                () -> collection(key.resourceType()).find(Filters.eq(ID, key.id())).first());
        return Optional.ofNullable(stored).map(document -> toResource(key, document));
    }

    @Override
    public boolean delete(ResourceKey key) {
        return MongoFailures.call("delete",
                () -> collection(key.resourceType()).deleteOne(Filters.eq(ID, key.id())).getDeletedCount() > 0);
    }

    @Override
    public Stream<Map<String, Object>> list(ResourceQuery query) {
        Page page = query.page();
        if (page.limit().isPresent() && page.limit().getAsInt() == 0) {
            return Stream.empty(); // MongoDB reads limit 0 as "no limit"
        }
        Translation filter = translate(query.scope(), query.filter());
        boolean pagedByServer = filter.residual().isEmpty();
        FindIterable<Document> find = collection(query.scope().resourceType())
                .find(filter.pushed())
                .sort(Sorts.ascending(ID))
                .batchSize(BATCH_SIZE);
        if (pagedByServer) {
            find.skip(page.offset());
            page.limit().ifPresent(find::limit);
            serverProjection(query.projection()).ifPresent(find::projection);
        }
        MongoCursor<Document> cursor = MongoFailures.call("list", find::cursor);
        Stream<Map<String, Object>> documents = StreamSupport
                .stream(Spliterators.spliteratorUnknownSize(new TranslatingIterator(cursor),
                        Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> closeQuietly(cursor))
                .map(MongoResourceStore::toDocument);
        if (!pagedByServer) {
            documents = documents.filter(document -> matchesAll(filter.residual(), document)).skip(page.offset());
            if (page.limit().isPresent()) {
                documents = documents.limit(page.limit().getAsInt());
            }
        }
        return documents.map(query.projection()::apply);
    }

    @Override
    public long deleteAll(ResourceScope scope, ResourceFilter filter) {
        Translation translation = translate(scope, filter);
        MongoCollection<Document> collection = collection(scope.resourceType());
        if (translation.residual().isEmpty()) {
            return MongoFailures.call("deleteAll", () -> collection.deleteMany(translation.pushed()).getDeletedCount());
        }
        List<String> ids = new ArrayList<>();
        MongoFailures.run("deleteAll", () -> {
            try (MongoCursor<Document> cursor = collection.find(translation.pushed()).batchSize(BATCH_SIZE).cursor()) {
                while (cursor.hasNext()) {
                    Map<String, Object> document = toDocument(cursor.next());
                    if (matchesAll(translation.residual(), document)) {
                        ids.add((String) document.get(ID));
                    }
                }
            }
        });
        long removed = 0;
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
            removed += MongoFailures.call("deleteAll", () -> collection
                    .deleteMany(Filters.and(translation.pushed(), Filters.in(ID, batch))).getDeletedCount());
        }
        return removed;
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

    private MongoCollection<Document> collection(String resourceType) {
        return database.getCollection(collectionName(resourceType));
    }

    /**
     * Creates this store's indexes once per collection, after its first write in this process. A
     * failure never fails the write it follows: the store works without the indexes. It is retried
     * on a later write when the server was unreachable, and not retried otherwise (an index with
     * the same keys but other options may exist, for one).
     */
    private void ensureIndexes(MongoCollection<Document> collection, String resourceType) {
        String name = collection.getNamespace().getCollectionName();
        if (indexedCollections.contains(name)) {
            return;
        }
        try {
            List<IndexModel> indexes = new ArrayList<>(List.of(
                    new IndexModel(Indexes.ascending(CLUSTER_ID, NAMESPACE, ID)),
                    new IndexModel(Indexes.ascending(CLUSTER_ID, UPDATE_TIME))));
            for (FieldPath timePath : QueryKinds.timePathsOf(resourceType)) {
                indexes.add(new IndexModel(Indexes.ascending(CLUSTER_ID, TIMES + "." + FieldNameCodec.encodePath(timePath))));
            }
            collection.createIndexes(indexes);
            indexedCollections.add(name);
        } catch (RuntimeException e) {
            log.warn("could not create the indexes of {}: {}", name, e.getMessage());
            if (MongoFailures.kindOf(e) != ErrorKind.UNAVAILABLE) {
                indexedCollections.add(name);
            }
        }
    }

    // ---------------------------------------------------------------- filters and projections

    /** A filter split into what MongoDB evaluates and what is left to evaluate here. */
    private record Translation(Bson pushed, List<Condition> residual) {
    }

    private static Translation translate(ResourceScope scope, ResourceFilter filter) {
        List<Bson> pushed = new ArrayList<>();
        pushed.add(Filters.eq(CLUSTER_ID, scope.clusterId()));
        switch (scope.level()) {
            case NAMESPACE -> pushed.add(Filters.eq(NAMESPACE, scope.namespace().orElseThrow()));
            case CLUSTER -> pushed.add(Filters.exists(NAMESPACE, false));
            case ALL -> {
            }
        }
        List<Condition> residual = new ArrayList<>();
        for (Condition condition : filter.conditions()) {
            if (hasIndexLikeSegment(condition.path())) {
                residual.add(condition);
            } else if (condition instanceof Condition.Between between && !isStampedTime(between.path())) {
                if (TIME_PATHS.contains(between.path())) {
                    pushed.add(dateRange(TIMES + "." + FieldNameCodec.encodePath(between.path()), between));
                } else {
                    residual.add(condition); // a time inside data that is not normalized: read it here
                }
            } else {
                pushed.add(toBson(condition));
            }
        }
        return new Translation(pushed.size() == 1 ? pushed.get(0) : Filters.and(pushed), List.copyOf(residual));
    }

    private static Bson toBson(Condition condition) {
        String path = FieldNameCodec.encodePath(condition.path());
        if (condition instanceof Condition.AnyOf anyOf) {
            return anyOf(path, anyOf.values());
        }
        if (condition instanceof Condition.NoneOf noneOf) {
            return noneOf.values().stream().anyMatch(Objects::isNull)
                    ? Filters.nor(anyOf(path, noneOf.values()))
                    : Filters.nin(path, noneOf.values().stream().map(BsonValues::toBson).toList());
        }
        if (condition instanceof Condition.Exists exists) {
            return exists.present() ? Filters.exists(path) : absent(path);
        }
        if (condition instanceof Condition.Between between) {
            return dateRange(path, between);
        }
        throw new IllegalArgumentException("unknown condition " + condition);
    }

    private static Bson dateRange(String path, Condition.Between between) {
        if (between.from().isEmpty() && between.to().isEmpty()) {
            return Filters.type(path, BsonType.DATE_TIME);
        }
        Document range = new Document();
        between.from().ifPresent(from -> range.append("$gte", Date.from(from)));
        between.to().ifPresent(to -> range.append("$lte", Date.from(to)));
        return new Document(path, range);
    }

    /** The times this service stamps itself, stored as dates. */
    private static boolean isStampedTime(FieldPath path) {
        return path.size() == 1 && (path.first().equals(CREATE_TIME) || path.first().equals(UPDATE_TIME));
    }

    /**
     * For every time path of {@link #TIME_PATHS} that holds a time, its instant as a date at the
     * same (encoded) path under {@code _times}: {@code _times.data.metadata.creationTimestamp}.
     */
    private static Document normalizedTimes(Object data) {
        Document times = new Document();
        if (data == null) {
            return times;
        }
        Map<String, Object> root = Map.of(DATA, data);
        for (FieldPath path : TIME_PATHS) {
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

    /**
     * The value at the path equals a candidate. A null candidate is spelled out rather than left to
     * {@code $in: [null]}, which also matches when only some elements of an array on the path lack
     * the field: the domain wants a null reached, or nothing reached at all.
     */
    private static Bson anyOf(String path, List<Object> values) {
        List<Object> present = new ArrayList<>(values.size());
        boolean withNull = false;
        for (Object value : values) {
            if (value == null) {
                withNull = true;
            } else {
                present.add(BsonValues.toBson(value));
            }
        }
        if (!withNull) {
            return Filters.in(path, present);
        }
        List<Bson> alternatives = new ArrayList<>(3);
        if (!present.isEmpty()) {
            alternatives.add(Filters.in(path, present));
        }
        alternatives.add(Filters.type(path, BsonType.NULL));
        alternatives.add(absent(path));
        return Filters.or(alternatives);
    }

    /**
     * The path reaches nothing: the negation of "reaches something", spelled {@code $nor} of
     * {@code $exists: true} because mongo-java-server reads both {@code $exists: false} and
     * {@code $not: {$exists: true}} through an array as "some element lacks the field".
     */
    private static Bson absent(String path) {
        return Filters.nor(Filters.exists(path));
    }

    /** MongoDB reads an all-digit path segment as an array index too; the domain never does. */
    private static boolean hasIndexLikeSegment(FieldPath path) {
        for (String segment : path.segments()) {
            if (segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAll(List<Condition> conditions, Map<String, Object> document) {
        for (Condition condition : conditions) {
            if (!condition.test(document)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What to ask the server for: the top-level fields the projection reaches into ({@code _id}
     * only when asked), none when everything is wanted. Deeper paths are not pushed down:
     * mongo-java-server drops arrays nested in arrays from a projection through them where
     * MongoDB keeps them, so the domain projection applied afterwards does the fine cut on every
     * server. Leaving out unrequested top-level fields already skips {@code data}, the bulk of a
     * document, whenever it is not asked for.
     */
    private static Optional<Bson> serverProjection(Projection projection) {
        if (projection.isAll()) {
            return Optional.empty();
        }
        Document fields = new Document();
        for (FieldPath path : projection.paths()) {
            fields.append(FieldNameCodec.encode(path.first()), 1);
        }
        if (!fields.containsKey(ID)) {
            fields.append(ID, 0);
        }
        return Optional.of(fields);
    }

    // ---------------------------------------------------------------- documents

    /** The domain's document form of what was read: known fields in their order, values decoded. */
    private static Map<String, Object> toDocument(Document stored) {
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
                instant(stored, CREATE_TIME), instant(stored, UPDATE_TIME));
    }

    private static Instant instant(Document stored, String field) {
        if (stored.get(field) instanceof Date date) {
            return date.toInstant();
        }
        throw new StorageException(ErrorKind.INTERNAL,
                "stored resource " + stored.get(ID) + " has no date in " + field);
    }

    private static void closeQuietly(MongoCursor<Document> cursor) {
        try {
            cursor.close();
        } catch (RuntimeException e) {
            log.debug("closing a cursor failed: {}", e.getMessage());
        }
    }

    /** Iterates a cursor, translating driver failures met mid-stream. */
    private static final class TranslatingIterator implements Iterator<Document> {
        private final MongoCursor<Document> cursor;

        TranslatingIterator(MongoCursor<Document> cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean hasNext() {
            return MongoFailures.call("list", cursor::hasNext);
        }

        @Override
        public Document next() {
            return MongoFailures.call("list", cursor::next);
        }
    }
}
