package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.cursor.TimeoutMode;
import com.mongodb.client.model.Filters;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The domain's filters, projections and pages in MongoDB's terms, shared by every store of this
 * adapter. Filters are translated to operators that agree with {@code Condition#test} (null
 * candidates and absence are spelled out so that arrays on the path behave as in the domain),
 * except conditions on paths with an all-digit segment, which MongoDB also reads as an array index,
 * and time ranges on paths that hold no dates; those are left as a residual to evaluate on the decoded
 * documents, and paging then happens here too. Projections are pushed to the server as far as the
 * top-level fields they name, and the domain's {@code Projection#apply} then does the fine cut.
 */
final class MongoQueries {
    private static final Logger log = LoggerFactory.getLogger(MongoQueries.class);
    static final int BATCH_SIZE = 256;

    private MongoQueries() {
    }

    /** A filter split into what MongoDB evaluates and what is left to evaluate here. */
    record Translation(Bson pushed, List<Condition> residual) {
        boolean pagedByServer() {
            return residual.isEmpty();
        }

        boolean matches(Map<String, Object> document) {
            for (Condition condition : residual) {
                if (!condition.test(document)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Translates {@code conditions}, and-ed with the already translated {@code scope}.
     *
     * @param datesOf where a time range on a path can be answered from stored dates: the MongoDB path
     *                holding them; empty leaves the range to evaluate here
     */
    static Translation translate(List<Bson> scope, List<Condition> conditions,
                                 Function<FieldPath, Optional<String>> datesOf) {
        List<Bson> pushed = new ArrayList<>(scope);
        List<Condition> residual = new ArrayList<>();
        for (Condition condition : conditions) {
            if (hasIndexLikeSegment(condition.path())) {
                residual.add(condition);
            } else if (condition instanceof Condition.Between between) {
                Optional<String> dates = datesOf.apply(between.path());
                if (dates.isPresent()) {
                    pushed.add(dateRange(dates.get(), between));
                } else {
                    residual.add(condition);
                }
            } else {
                pushed.add(toBson(condition));
            }
        }
        Bson filter = pushed.isEmpty() ? new Document() : pushed.size() == 1 ? pushed.get(0) : Filters.and(pushed);
        return new Translation(filter, List.copyOf(residual));
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
        throw new IllegalArgumentException("not translated here: " + condition);
    }

    static Bson dateRange(String path, Condition.Between between) {
        if (between.from().isEmpty() && between.to().isEmpty()) {
            return Filters.type(path, BsonType.DATE_TIME);
        }
        Document range = new Document();
        // dates keep milliseconds: a lower bound inside a millisecond starts at the next one
        between.from().ifPresent(from -> range.append("$gte", Date.from(ceilingMillis(from))));
        between.to().ifPresent(to -> range.append("$lte", Date.from(to)));
        return new Document(path, range);
    }

    private static Instant ceilingMillis(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.MILLIS);
        return floor.equals(instant) ? instant : floor.plusMillis(1);
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

    /**
     * What to ask the server for: the top-level fields the projection reaches into ({@code _id}
     * only when asked) plus {@code alwaysNeeded}, none when everything is wanted. Deeper paths are
     * not pushed down: mongo-java-server drops arrays nested in arrays from a projection through them
     * where MongoDB keeps them, so the domain projection applied afterwards does the fine cut on every
     * server. Leaving out unrequested top-level fields already skips {@code data}, the bulk of a
     * document, whenever it is not asked for.
     */
    static Optional<Bson> serverProjection(Projection projection, String... alwaysNeeded) {
        if (projection.isAll()) {
            return Optional.empty();
        }
        Document fields = new Document();
        for (FieldPath path : projection.paths()) {
            fields.append(FieldNameCodec.encode(path.first()), 1);
        }
        for (String field : alwaysNeeded) {
            fields.append(field, 1);
        }
        if (!fields.containsKey("_id")) {
            fields.append("_id", 0);
        }
        return Optional.of(fields);
    }

    /**
     * A find over {@code collection} in batches of {@link #BATCH_SIZE}, whose operation timeout (when
     * the client has one) bounds each batch rather than the cursor's whole life: a long list that
     * keeps coming is never cut, a server that stops answering fails the next batch in time.
     */
    static FindIterable<Document> perBatch(MongoCollection<Document> collection, Bson filter) {
        FindIterable<Document> find = collection.find(filter).batchSize(BATCH_SIZE);
        return collection.getTimeout(TimeUnit.MILLISECONDS) == null ? find : find.timeoutMode(TimeoutMode.ITERATION);
    }

    /**
     * The ordered, filtered, paged and projected documents of one collection, streamed from a cursor
     * (closed with the stream). Paging and the server projection go to the server when the whole
     * filter does; otherwise the residual and paging are applied here.
     */
    static Stream<Map<String, Object>> list(MongoCollection<Document> collection, Translation filter, Bson sort,
                                            Page page, Projection projection,
                                            Function<Document, Map<String, Object>> decode) {
        if (page.limit().isPresent() && page.limit().getAsInt() == 0) {
            return Stream.empty(); // MongoDB reads limit 0 as "no limit"
        }
        FindIterable<Document> find = perBatch(collection, filter.pushed()).sort(sort);
        if (filter.pagedByServer()) {
            find.skip(page.offset());
            page.limit().ifPresent(find::limit);
            serverProjection(projection).ifPresent(find::projection);
        }
        Stream<Map<String, Object>> documents = stream(MongoFailures.call("list", find::cursor)).map(decode);
        if (!filter.pagedByServer()) {
            documents = documents.filter(filter::matches).skip(page.offset());
            if (page.limit().isPresent()) {
                documents = documents.limit(page.limit().getAsInt());
            }
        }
        return documents.map(projection::apply);
    }

    /** A cursor as a stream that translates driver failures met mid-stream and closes the cursor with it. */
    static Stream<Document> stream(MongoCursor<Document> cursor) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new TranslatingIterator(cursor),
                        Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> closeQuietly(cursor));
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
