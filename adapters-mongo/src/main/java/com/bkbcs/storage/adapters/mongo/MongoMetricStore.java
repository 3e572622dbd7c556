package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.adapters.mongo.MongoQueries.Translation;
import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.metric.Metric;
import com.bkbcs.storage.domain.metric.MetricKey;
import com.bkbcs.storage.domain.metric.MetricQuery;
import com.bkbcs.storage.domain.query.FieldPath;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.bkbcs.storage.domain.StoredFields.CLUSTER_ID;
import static com.bkbcs.storage.domain.StoredFields.CREATE_TIME;
import static com.bkbcs.storage.domain.StoredFields.DATA;
import static com.bkbcs.storage.domain.StoredFields.ID;
import static com.bkbcs.storage.domain.StoredFields.NAMESPACE;
import static com.bkbcs.storage.domain.StoredFields.UPDATE_TIME;
import static com.bkbcs.storage.domain.metric.Metric.NAME;
import static com.bkbcs.storage.domain.metric.Metric.TYPE;

/**
 * Metrics in one collection, {@code metric}: {@code _id} (the key's id,
 * {@code {clusterId}/{namespace}/{type}/{name}}), {@code clusterId}, {@code namespace}, {@code type},
 * {@code name}, {@code data} (keys encoded by {@link FieldNameCodec}), {@code createTime} and
 * {@code updateTime} as dates. Reads by key go through {@code _id}; a cluster's list is sorted by
 * {@code _id} and served by the index {@code {clusterId: 1, _id: 1}} on a real MongoDB (the embedded
 * store scans the collection; metrics are few, one per reported object, not a time series).
 */
public final class MongoMetricStore implements MetricStore {
    static final String COLLECTION = "metric";
    private static final List<String> FIELDS = List.of(ID, CLUSTER_ID, NAMESPACE, TYPE, NAME, DATA, CREATE_TIME, UPDATE_TIME);

    private final MongoCollection<Document> collection;
    private final IndexKeeper indexes = new IndexKeeper();

    public MongoMetricStore(MongoDatabase database) {
        this.collection = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
    }

    @Override
    public void upsert(MetricKey key, Object data, Instant now) {
        Document set = new Document(CLUSTER_ID, key.clusterId())
                .append(NAMESPACE, key.namespace())
                .append(TYPE, key.type())
                .append(NAME, key.name())
                .append(DATA, BsonValues.toBson(data));
        Document update = MongoWrites.stamped(set, now);
        MongoWrites.upsert(collection, Filters.eq(ID, key.id()), update, key.id());
        indexes.ensure(collection, () -> List.of(new IndexModel(Indexes.ascending(CLUSTER_ID, ID))));
    }

    @Override
    public Optional<Metric> find(MetricKey key) {
        Document stored = MongoFailures.call("find", () -> collection.find(Filters.eq(ID, key.id())).first());
        return Optional.ofNullable(stored).map(document -> new Metric(key, BsonValues.fromBson(document.get(DATA)),
                date(document, CREATE_TIME), date(document, UPDATE_TIME)));
    }

    @Override
    public boolean delete(MetricKey key) {
        return MongoFailures.call("delete", () -> collection.deleteOne(Filters.eq(ID, key.id())).getDeletedCount() > 0);
    }

    @Override
    public Stream<Map<String, Object>> list(MetricQuery query) {
        Translation filter = MongoQueries.translate(List.of(Filters.eq(CLUSTER_ID, query.clusterId())),
                query.filter().conditions(), MongoMetricStore::datesOf);
        return MongoQueries.list(collection, filter, Sorts.ascending(ID), query.page(), query.projection(),
                MongoMetricStore::toDocument);
    }

    @Override
    public List<String> clusterIds() {
        return MongoFailures.call("clusterIds",
                () -> List.copyOf(collection.distinct(CLUSTER_ID, String.class).into(new TreeSet<>())));
    }

    static Optional<String> datesOf(FieldPath path) {
        return path.size() == 1 && (path.first().equals(CREATE_TIME) || path.first().equals(UPDATE_TIME))
                ? Optional.of(path.first())
                : Optional.empty();
    }

    private static Map<String, Object> toDocument(Document stored) {
        Map<String, Object> document = new LinkedHashMap<>(16);
        for (String field : FIELDS) {
            if (stored.containsKey(field)) {
                document.put(field, BsonValues.fromBson(stored.get(field)));
            }
        }
        return document;
    }

    static Instant date(Document stored, String field) {
        if (stored.get(field) instanceof Date date) {
            return date.toInstant();
        }
        throw new StorageException(ErrorKind.INTERNAL, "stored document " + stored.get("_id") + " has no date in " + field);
    }
}
