package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.adapters.mongo.MongoQueries.Translation;
import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.domain.host.Host;
import com.bkbcs.storage.domain.host.HostQuery;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static com.bkbcs.storage.domain.StoredFields.CLUSTER_ID;
import static com.bkbcs.storage.domain.StoredFields.CREATE_TIME;
import static com.bkbcs.storage.domain.StoredFields.DATA;
import static com.bkbcs.storage.domain.StoredFields.ID;
import static com.bkbcs.storage.domain.StoredFields.UPDATE_TIME;
import static com.bkbcs.storage.domain.host.Host.IP;

/**
 * Hosts in one collection, {@code host}: {@code _id} = {@code ip}, {@code ip}, {@code clusterId}
 * ({@code ""} when no cluster owns it), {@code data} (keys encoded), {@code createTime},
 * {@code updateTime}. A cluster's hosts are found by {@code clusterId} (index
 * {@code {clusterId: 1, _id: 1}} on a real MongoDB; a scan of the host collection on the embedded
 * store). Assigning hosts is one {@code updateMany} releasing the cluster's other hosts (PUT only)
 * and one bulk of upserts, not a transaction; repeating it completes a failed one.
 */
public final class MongoHostStore implements HostStore {
    static final String COLLECTION = "host";
    private static final List<String> FIELDS = List.of(ID, IP, CLUSTER_ID, DATA, CREATE_TIME, UPDATE_TIME);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> collection;
    private final IndexKeeper indexes = new IndexKeeper();

    public MongoHostStore(MongoDatabase database) {
        this.collection = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
    }

    @Override
    public void upsert(String ip, String clusterId, Object data, Instant now) {
        Document set = new Document(IP, ip)
                .append(CLUSTER_ID, clusterId)
                .append(DATA, BsonValues.toBson(data));
        Document update = MongoWrites.stamped(set, now);
        MongoWrites.upsert(collection, Filters.eq(ID, ip), update, ip);
        indexes.ensure(collection, () -> List.of(new IndexModel(Indexes.ascending(CLUSTER_ID, ID))));
    }

    @Override
    public Optional<Host> find(String ip) {
        Document stored = MongoFailures.call("find", () -> collection.find(Filters.eq(ID, ip)).first());
        return Optional.ofNullable(stored).map(document -> new Host(ip, document.getString(CLUSTER_ID),
                BsonValues.fromBson(document.get(DATA)), MongoMetricStore.date(document, CREATE_TIME),
                MongoMetricStore.date(document, UPDATE_TIME)));
    }

    @Override
    public boolean delete(String ip) {
        return MongoFailures.call("delete", () -> collection.deleteOne(Filters.eq(ID, ip)).getDeletedCount() > 0);
    }

    @Override
    public Stream<Map<String, Object>> list(HostQuery query) {
        Translation filter = MongoQueries.translate(List.of(Filters.eq(CLUSTER_ID, query.clusterId())),
                query.filter().conditions(), MongoMetricStore::datesOf);
        return MongoQueries.list(collection, filter, Sorts.ascending(ID), query.page(), query.projection(),
                MongoHostStore::toDocument);
    }

    @Override
    public void assign(String clusterId, List<String> ips, boolean exclusively, Instant now) {
        Date at = Date.from(now);
        if (exclusively) {
            Bson others = Filters.and(Filters.eq(CLUSTER_ID, clusterId), Filters.nin(ID, ips));
            MongoFailures.run("assign", () -> collection.updateMany(others,
                    Updates.combine(Updates.set(CLUSTER_ID, Host.NO_CLUSTER), Updates.max(UPDATE_TIME, at))));
        }
        List<UpdateOneModel<Document>> upserts = ips.stream()
                .map(ip -> new UpdateOneModel<Document>(Filters.eq(ID, ip),
                        MongoWrites.stamped(new Document(IP, ip).append(CLUSTER_ID, clusterId), new Document(DATA, null), now),
                        UPSERT))
                .toList();
        MongoWrites.bulkUpsert(collection, upserts, "hosts of " + clusterId);
        indexes.ensure(collection, () -> List.of(new IndexModel(Indexes.ascending(CLUSTER_ID, ID))));
    }

    private static Map<String, Object> toDocument(Document stored) {
        Map<String, Object> document = new LinkedHashMap<>(8);
        for (String field : FIELDS) {
            if (stored.containsKey(field)) {
                document.put(field, BsonValues.fromBson(stored.get(field)));
            }
        }
        return document;
    }
}
