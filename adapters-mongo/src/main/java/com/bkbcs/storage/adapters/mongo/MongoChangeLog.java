package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.change.Change;
import com.bkbcs.storage.domain.change.ChangeHistory;
import com.bkbcs.storage.domain.change.ChangePage;
import com.bkbcs.storage.domain.change.ChangeType;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.BsonBinaryReader;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

import static com.bkbcs.storage.domain.Resource.RESOURCE_NAME;
import static com.bkbcs.storage.domain.Resource.RESOURCE_TYPE;
import static com.bkbcs.storage.domain.StoredFields.CLUSTER_ID;
import static com.bkbcs.storage.domain.StoredFields.ID;
import static com.bkbcs.storage.domain.StoredFields.NAMESPACE;

/**
 * The change log of dynamic data in MongoDB (or the embedded server): a counter document that
 * hands out revisions ({@code counters}, {@code _id: "revisions"}) and one entry per revision in
 * {@code changelog}, keyed by the revision.
 *
 * <p><b>The write protocol.</b> A writer takes a revision from the counter, writes the resource
 * (stamped with that revision, and only over a resource with a lower one), and then inserts the
 * entry for its revision: the change with the document after it, or {@code void} when the write
 * changed nothing. Revisions are taken in one order and their entries land in another.
 *
 * <p><b>Why a reader never skips a change.</b> {@link #after} walks the entries upwards from the
 * reader's revision and stops at the first revision that has no entry yet, whatever entries exist
 * above it: a change is reported only once every revision below it has its entry. So when writers
 * took 7 and 8 and 8 commits first, a reader at 6 waits at 7. A missing entry is either a write in
 * flight or a writer that died between taking its revision and inserting the entry (killed, or its
 * connection lost). After a grace period ({@code settleAfter}) any reader settles it: it looks for a
 * resource stamped with that revision in every type's collection; found, it inserts the entry the
 * writer would have (the write happened); not found, it inserts an {@code abandoned} entry (the
 * write did not happen, or has not yet). Entries are inserted by revision as the key, so of a late
 * writer and a settling reader exactly one succeeds. A writer that loses to an {@code abandoned}
 * entry moves its write to a fresh revision (if its resource still carries the old one) and
 * records it there, so a write that lands after its revision was abandoned is still reported, once,
 * above every reader's cursor. Deletes mark the resource ({@code _deleted}) with their revision
 * before they remove it, so a delete whose writer died between the two steps is found and
 * completed the same way.
 */
public final class MongoChangeLog implements ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(MongoChangeLog.class);

    static final String COUNTERS = "counters";
    static final String LOG = "changelog";
    static final String REVISIONS = "revisions";
    /** A resource marked for deletion by the revision it carries. */
    static final String DELETED_MARK = "_deleted";
    /** The revision of the write that created the resource. */
    static final String CREATED_BY = "_created";

    private static final String VALUE = "value";
    private static final String FORGOTTEN = "forgotten";
    private static final String AT = "at";
    private static final String STATE = "state";
    private static final String DONE = "done";
    private static final String VOID = "void";
    private static final String ABANDONED = "abandoned";
    private static final String TYPE = "type";
    private static final String DOCUMENT = "doc";
    private static final DocumentCodec CODEC = new DocumentCodec();
    /** How many consecutive revisions one read of the log asks for. */
    private static final int WINDOW = 256;
    /**
     * Revisions a trim reads (their times only) or deletes per round trip: ranges of {@code _id},
     * which MongoDB and the embedded store both read from the key index. The embedded store locks
     * the log for each round trip, so writers wait for one at most: with 4,096 the longest PUT
     * under a trim was 0.8 s.
     */
    private static final int TRIM_WINDOW = 1024;

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> entries;
    private final Clock clock;
    private final Duration settleAfter;
    private final LongFunction<Optional<Document>> stampedWith;
    private final BiConsumer<Document, Long> finishDelete;
    private final GroupCommit<Integer, Long> revisions;
    private final GroupCommit<Document, Boolean> inserts;
    /** Revisions this process found without entries, and when (nanoTime) it first did. */
    private final Map<Long, Long> missingSince = Collections.synchronizedMap(new HashMap<>());

    /**
     * A change log in {@code database}; a revision missing for {@code settleAfter} is settled by
     * looking it up with {@code stampedWith} (the resource stamped with it, in whatever collection),
     * and a delete found half done is finished by {@code finishDelete}.
     */
    MongoChangeLog(MongoDatabase database, Clock clock, Duration settleAfter,
                   LongFunction<Optional<Document>> stampedWith, BiConsumer<Document, Long> finishDelete) {
        this.counters = Objects.requireNonNull(database, "database").getCollection(COUNTERS);
        this.entries = database.getCollection(LOG);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settleAfter = Objects.requireNonNull(settleAfter, "settleAfter");
        this.stampedWith = Objects.requireNonNull(stampedWith, "stampedWith");
        this.finishDelete = Objects.requireNonNull(finishDelete, "finishDelete");
        this.revisions = new GroupCommit<>(this::takeBlocks);
        this.inserts = new GroupCommit<>(this::insertAll);
    }

    // ---------------------------------------------------------------- writers

    /** The first of {@code count} consecutive revisions taken for this caller. */
    long take(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("take at least one revision, not " + count);
        }
        return MongoFailures.call("take a revision", () -> revisions.submit(count));
    }

    /** Records a change at its revision; false when the revision was settled as abandoned first. */
    boolean recordChange(long revision, ChangeType type, Document stored) {
        return record(new Document(ID, revision).append(AT, Date.from(clock.instant())).append(STATE, DONE)
                .append(TYPE, type.name()).append(DOCUMENT, loggedForm(stored)));
    }

    /** Records that the revision changed nothing. */
    void recordVoid(long revision) {
        recordAlone(new Document(ID, revision).append(AT, Date.from(clock.instant())).append(STATE, VOID));
    }

    /**
     * Records an entry that stands for no resource write of its own (a void, a settled revision),
     * by itself and as an update: the embedded store commits it at once (see
     * {@code EmbeddedMongoServer}). False when the revision already had an entry.
     */
    private boolean recordAlone(Document entry) {
        Document fields = new Document(entry);
        Object revision = fields.remove(ID);
        return MongoFailures.call("record change", () -> {
            try {
                return entries.updateOne(Filters.eq(ID, revision), new Document("$setOnInsert", fields),
                        new UpdateOptions().upsert(true)).getUpsertedId() != null;
            } catch (MongoServerException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        });
    }

    private boolean record(Document entry) {
        if (MongoFailures.call("record change", () -> inserts.submit(entry))) {
            return true;
        }
        Document existing = MongoFailures.call("record change", () -> entries.find(Filters.eq(ID, entry.get(ID))).first());
        return existing != null && !ABANDONED.equals(existing.getString(STATE));
    }

    /**
     * One move of the counter for every count waiting, as a compare-and-set: read the value, set it
     * to value + total only if it is still the value read, else read again. A {@code $inc} that
     * returns the new value is atomic on MongoDB but not on mongo-java-server, which applies the
     * update and reads the document back separately, so two processes could be handed the same
     * value; the compare-and-set is atomic on both. Created once by an insert (a lost race is a
     * duplicate key, ignored).
     */
    private List<Long> takeBlocks(List<Integer> counts) {
        long total = counts.stream().mapToLong(Integer::longValue).sum();
        long first;
        while (true) {
            Document counter = counters.find(Filters.eq(ID, REVISIONS)).first();
            if (counter == null) {
                try {
                    counters.insertOne(new Document(ID, REVISIONS).append(VALUE, 0L));
                } catch (MongoServerException e) {
                    if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
                continue;
            }
            long value = ((Number) counter.get(VALUE)).longValue();
            if (counters.updateOne(Filters.and(Filters.eq(ID, REVISIONS), Filters.eq(VALUE, value)),
                    Updates.set(VALUE, value + total)).getModifiedCount() == 1) {
                first = value + 1;
                break;
            }
        }
        List<Long> firsts = new ArrayList<>(counts.size());
        for (int count : counts) {
            firsts.add(first);
            first += count;
        }
        return firsts;
    }

    /** Inserts the entries, each independently; false for one whose revision already had an entry. */
    private List<Boolean> insertAll(List<Document> batch) {
        List<Boolean> inserted = new ArrayList<>(Collections.nCopies(batch.size(), true));
        try {
            entries.insertMany(batch, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                inserted.set(error.getIndex(), false);
            }
        }
        return inserted;
    }

    /**
     * The fields of a stored resource a change carries (not its query helpers or marks), as one
     * encoded BSON document in a binary field: nobody queries inside it, and the embedded server
     * stores a byte array far cheaper than a document tree (its H2 backend serializes trees with
     * Java serialization).
     */
    private static Binary loggedForm(Document stored) {
        Document logged = new Document();
        for (String field : MongoResourceStore.DOCUMENT_FIELDS) {
            if (stored.containsKey(field)) {
                logged.append(field, stored.get(field));
            }
        }
        RawBsonDocument raw = new RawBsonDocument(logged, CODEC);
        ByteBuffer bytes = raw.getByteBuffer().asNIO();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return new Binary(copy);
    }

    /** The document {@link #loggedForm} encoded. */
    private static Document logged(Binary encoded) {
        return CODEC.decode(new BsonBinaryReader(ByteBuffer.wrap(encoded.getData())), DecoderContext.builder().build());
    }

    // ---------------------------------------------------------------- readers

    /**
     * Reads entries by their revisions ({@code $in} over a window of consecutive revisions), which
     * both servers answer from the {@code _id} index; a range on {@code _id} would make the
     * embedded server scan the whole log.
     */
    @Override
    public ChangePage after(long after, int limit) {
        return MongoFailures.call("read changes", () -> {
            List<Change> changes = new ArrayList<>();
            long latest = latest();
            long next = after + 1;
            while (true) {
                if (next > latest) {
                    return new ChangePage(changes, next - 1);
                }
                int size = (int) Math.min(latest - next + 1, Math.min(WINDOW, limit - changes.size() + 16));
                Map<Long, Document> window = window(next, size);
                long end = next + size;
                for (long revision = next; revision < end; revision++) {
                    Document entry = window.get(revision);
                    if (entry == null) {
                        if (!settle(revision)) {
                            return new ChangePage(changes, revision - 1);
                        }
                        entry = entries.find(Filters.eq(ID, revision)).first();
                        if (entry == null) {
                            return new ChangePage(changes, revision - 1);
                        }
                    }
                    found(revision);
                    if (DONE.equals(entry.getString(STATE))) {
                        changes.add(toChange(revision, entry));
                        if (changes.size() == limit) {
                            return new ChangePage(changes, revision);
                        }
                    }
                    next = revision + 1;
                }
            }
        });
    }

    /** The entries of revisions {@code [from, from + size)} that exist, by revision. */
    /** Entries above {@code after} up to {@code through}, as one range of keys on every store. */
    private static Bson revisions(long after, long through) {
        return new Document(ID, new Document("$gt", after).append("$lte", through));
    }

    private Map<Long, Document> window(long from, int size) {
        List<Long> revisions = new ArrayList<>(size);
        for (long revision = from; revision < from + size; revision++) {
            revisions.add(revision);
        }
        Map<Long, Document> found = new HashMap<>();
        for (Document entry : entries.find(Filters.in(ID, revisions))) {
            found.put(((Number) entry.get(ID)).longValue(), entry);
        }
        return found;
    }

    /**
     * A revision this reader found recorded is no longer missing. Only what a read actually
     * passed is forgotten: readers at other positions (the hub above, a watch behind) must not
     * restart each other's grace periods.
     */
    private void found(long revision) {
        if (!missingSince.isEmpty()) {
            missingSince.remove(revision);
        }
    }

    /** The page read so far, followed by what lies above {@code through} now that a gap was settled. */
    private ChangePage complete(List<Change> read, long through, int limit) {
        ChangePage rest = after(through, limit - read.size());
        List<Change> all = new ArrayList<>(read);
        all.addAll(rest.changes());
        return new ChangePage(all, Math.max(through, rest.through()));
    }

    /**
     * Whether the missing revision now has an entry: true once this call (or anyone) inserted one,
     * false while it is younger than the grace period.
     */
    private boolean settle(long revision) {
        long now = System.nanoTime();
        if (missingSince.size() > 10_000) {
            missingSince.clear(); // revisions found by no reader of this process since; they start over
        }
        long firstSeen = missingSince.computeIfAbsent(revision, r -> now);
        if (now - firstSeen < settleAfter.toNanos()) {
            return false;
        }
        missingSince.remove(revision);
        Optional<Document> stamped = stampedWith.apply(revision);
        Document entry;
        ChangeType type = null;
        if (stamped.isPresent()) {
            Document stored = stamped.get();
            type = Boolean.TRUE.equals(stored.get(DELETED_MARK)) ? ChangeType.DELETED
                    : Objects.equals(number(stored.get(CREATED_BY)), revision) ? ChangeType.ADDED : ChangeType.MODIFIED;
            entry = new Document(ID, revision).append(AT, Date.from(clock.instant())).append(STATE, DONE)
                    .append(TYPE, type.name()).append(DOCUMENT, loggedForm(stored));
        } else {
            entry = new Document(ID, revision).append(AT, Date.from(clock.instant())).append(STATE, ABANDONED);
        }
        if (!recordAlone(entry)) {
            log.debug("revision {} was recorded meanwhile by its writer or another reader", revision);
        } else if (type != null) {
            log.warn("revision {} had no change recorded after {} ms; its write happened ({} {}), recorded it now",
                    revision, settleAfter.toMillis(), type, stamped.get().get(ID));
        } else {
            log.warn("revision {} had no change recorded after {} ms and no resource carries it; recorded it as abandoned",
                    revision, settleAfter.toMillis());
        }
        if (stamped.isPresent() && Boolean.TRUE.equals(stamped.get().get(DELETED_MARK))) {
            finishDelete.accept(stamped.get(), revision);
        }
        return true;
    }

    private static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    private Change toChange(long revision, Document entry) {
        Document stored = logged(entry.get(DOCUMENT, Binary.class));
        Map<String, Object> document = MongoResourceStore.toDocument(stored);
        String namespace = stored.getString(NAMESPACE);
        ResourceKey key = namespace == null
                ? ResourceKey.clusterScoped(stored.getString(CLUSTER_ID), stored.getString(RESOURCE_TYPE), stored.getString(RESOURCE_NAME))
                : ResourceKey.namespaced(stored.getString(CLUSTER_ID), namespace, stored.getString(RESOURCE_TYPE), stored.getString(RESOURCE_NAME));
        return new Change(revision, ChangeType.valueOf(entry.getString(TYPE)), entry.getDate(AT).toInstant(), key, document);
    }

    private long latest() {
        Document counter = counters.find(Filters.eq(ID, REVISIONS)).first();
        return counter == null ? 0 : ((Number) counter.get(VALUE)).longValue();
    }

    @Override
    public ChangeHistory history() {
        return MongoFailures.call("read change history", () -> {
            Document counter = counters.find(Filters.eq(ID, REVISIONS)).first();
            if (counter == null) {
                return new ChangeHistory(0, 0);
            }
            long forgotten = counter.get(FORGOTTEN) instanceof Number number ? number.longValue() : 0;
            return new ChangeHistory(forgotten, ((Number) counter.get(VALUE)).longValue());
        });
    }

    /**
     * Walks up from the oldest revision held, window by window, and forgets entries recorded
     * before {@code before} until the first one recorded later (or not yet settled): the log is
     * forgotten from its oldest end only, and only what is forgotten is read.
     */
    @Override
    public long trim(Instant before) {
        return MongoFailures.call("trim changes", () -> {
            long forgotten = history().forgottenThrough();
            long through = forgotten;
            Date cut = Date.from(before);
            scan:
            while (true) {
                long expected = through + 1;
                for (Document entry : entries.find(revisions(through, through + TRIM_WINDOW))
                        .projection(Projections.include(AT)).sort(Sorts.ascending(ID))) {
                    if (((Number) entry.get(ID)).longValue() != expected || !entry.getDate(AT).before(cut)) {
                        through = expected - 1;
                        break scan;
                    }
                    expected++;
                }
                if (expected <= through + TRIM_WINDOW) {
                    through = expected - 1; // the window ended early: past it nothing is recorded yet
                    break;
                }
                through += TRIM_WINDOW;
            }
            if (through == forgotten) {
                return 0L;
            }
            counters.updateOne(Filters.eq(ID, REVISIONS), Updates.max(FORGOTTEN, through));
            long deleted = 0;
            for (long after = forgotten; after < through; after += TRIM_WINDOW) {
                deleted += entries.deleteMany(revisions(after, Math.min(through, after + TRIM_WINDOW))).getDeletedCount();
            }
            return deleted;
        });
    }
}
