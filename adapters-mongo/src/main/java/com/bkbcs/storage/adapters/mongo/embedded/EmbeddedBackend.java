package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.NoSuchCommandException;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * mongo-java-server's H2 backend as this project runs it: with the non-unique indexes it otherwise
 * ignores ({@link H2SecondaryIndex}), a commit after every command that may have written, and the
 * MVStore opened and compacted with settings of this project.
 *
 * <p>Indexes: a collection's indexes never change while another command runs. mongo-java-server
 * 1.47.0 adds an index to a plain list that inserts and queries iterate without its lock, so a
 * {@code createIndexes} racing the first writes of a collection failed one of them with a
 * ConcurrentModificationException ("Unknown error"). Index commands take the write side of a
 * read-write lock, every other command the read side; commands still run concurrently with each
 * other.
 *
 * <p>Handshake: it answers {@code hello} as well as {@code isMaster}, and advertises
 * {@link #VERSION}. A command it does not know is answered {@code CommandNotFound} (59), as
 * MongoDB answers it, and logged at DEBUG only: mongosh asks for several at every start.
 */
final class EmbeddedBackend extends H2Backend {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBackend.class);

    /** Commands that change the set of indexes of a collection. */
    private static final Set<String> INDEX_CHANGES = Set.of("createindexes", "dropindexes", "deleteindexes",
            "drop", "dropdatabase", "renamecollection", "create");

    /** Commands that never write; everything else (including unknown commands) commits. */
    private static final Set<String> READ_ONLY = Set.of(
            "find", "getmore", "count", "distinct", "aggregate", "listcollections", "listindexes",
            "listdatabases", "ismaster", "hello", "buildinfo", "ping", "whatsmyuri", "getlasterror",
            "serverstatus", "killcursors", "endsessions", "dbstats", "collstats", "hostinfo", "getlog",
            "getcmdlineopts", "connectionstatus", "getfreemonitoringstatus", "getparameter", "explain",
            "saslstart", "saslcontinue", "authenticate", "replsetgetstatus");

    /**
     * Writes that need no commit of their own ({@code command collection}): taking revisions
     * from the counter, and inserting the change of a resource write. A commit writes everything
     * changed before it, and the resource write between the two commits, so the counter is
     * never behind a revision a stored resource carries, and an entry lost on {@code kill -9}
     * is rebuilt from the resource that carries its revision (see MongoChangeLog). Entries that
     * stand for no resource write (a revision that changed nothing or was abandoned) are
     * written by {@code update} and committed, so a revision a reader has passed is never
     * handed out again after a restart. Saves two of the three commits of each PUT.
     */
    private static final Set<String> COMMITTED_BY_NEXT_WRITE = Set.of("update counters", "insert changelog");

    /**
     * What {@code isMaster}/{@code hello}, {@code buildInfo} and {@code serverStatus} advertise:
     * MongoDB 5.0.0 with wire version 13, the wire version MongoDB 5.0 has. mongo-java-server's
     * newest {@code ServerVersion.MONGO_5_0} (its default) names 5.0.0 too but wire version 8
     * (MongoDB 4.2), which the MongoDB Node.js driver 7 and so mongosh 2.x refuse: they need at
     * least 9 (MongoDB 4.4; {@code MIN_SUPPORTED_WIRE_VERSION} of the driver 7.9.0 that mongosh
     * 2.12.0 bundles). The wire version changes what the server says, not what it does: a
     * driver uses it to choose among commands and options, and the ones this project's adapter
     * and mongosh send are answered alike at 8 and 13 (the whole build runs on 13).
     */
    static final MongoVersion VERSION = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(5, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 13;
        }
    };

    private static final int CACHE_MB = 32;
    /** Infix of the maps of unique indexes ({@link H2KeyIndex}); H2's own are {@code ._index_}. */
    private static final String KEY_INDEX_MAP = "._keys_";
    /** The names of a collection's maps in H2's backend (its constants are not public). */
    private static final String DATA_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";

    private final ReadWriteLock indexLock = new ReentrantReadWriteLock();
    private final GroupedCommits commits = new GroupedCommits(this::commit);

    private final Path file;
    /** Held from before the open until after the stop's compaction, when H2's own lock is gone. */
    private final StoreLock lock;
    /**
     * False while H2Backend's constructor opens the databases found in the file (no initializer:
     * fields of this class are set only after it returns), true from then on.
     */
    private boolean opened;

    private EmbeddedBackend(MVStore store, Path file, StoreLock lock) {
        super(store);
        this.file = file;
        this.lock = lock;
        this.opened = true;
    }

    /**
     * Opens (or creates) the store file, finishing first a compaction a stop left half done.
     *
     * <p>Settings, and why (measured in docs/benchmarks.md):
     * <ul>
     *   <li>pages are compressed (LZF): reported documents are JSON-like text, and the file is
     *       what grows;</li>
     *   <li>no retention time for unused chunks (H2 keeps them 45 s by default, so under steady
     *       writes the file held 45 s of commits: gigabytes for megabytes of data). H2 keeps
     *       them for two reasons: readers of an older version of the maps, which every command
     *       here registers for its whole run instead ({@link #handleCommand}), and a disk that
     *       reorders writes on a power loss, which this store does not claim to survive anyway
     *       (it does not fsync per commit; {@code kill -9} loses nothing, as every commit is in
     *       the operating system's hands before the reply leaves);</li>
     *   <li>a 32 MB page cache (H2's default is 16), as queries of one cluster read a few
     *       thousand documents.</li>
     * </ul>
     */
    static EmbeddedBackend open(Path file) {
        StoreLock lock = StoreLock.acquire(file);
        try {
            MVStoreTool.compactCleanUp(file.toString());
            MVStore store = new MVStore.Builder().fileName(file.toString()).compress().cacheSize(CACHE_MB).open();
            store.setRetentionTime(0);
            EmbeddedBackend backend = new EmbeddedBackend(store, file, lock);
            backend.version(VERSION);
            return backend;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("hello")) {
            return hello(channel, databaseName, query);
        }
        Lock lock = INDEX_CHANGES.contains(name) ? indexLock.writeLock() : indexLock.readLock();
        lock.lock();
        // the chunks holding the maps as this command first sees them stay until it ends
        MVStore.TxCounter reading = getMvStore().registerVersionUsage();
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } catch (NoSuchCommandException unknown) {
            // tools ask for what only some servers have (mongosh: atlasVersion, getParameter...)
            log.debug("answered {}: {}", command, unknown.getMessageWithoutErrorCode());
            return ErrorReplies.of(unknown);
        } finally {
            try {
                getMvStore().deregisterVersionUsage(reading);
                if (!READ_ONLY.contains(name) && !COMMITTED_BY_NEXT_WRITE.contains(name + " " + query.get(command))) {
                    commits.commitAfterWrite();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * {@code hello}, which MongoDB 4.4.2 and later answer (mongosh's {@code db.hello()}; drivers
     * send it once a server offers {@code helloOk}, which this one does not): mongo-java-server
     * knows only {@code isMaster}, whose answer it is, {@code isWritablePrimary} for {@code ismaster}.
     */
    private Document hello(Channel channel, String databaseName, Document query) {
        Document isMaster = handleCommand(channel, databaseName, "isMaster", query);
        Document hello = new Document("isWritablePrimary", isMaster.get("ismaster"));
        isMaster.forEach((key, value) -> {
            if (!key.equals("ismaster")) {
                hello.put(key, value);
            }
        });
        return hello;
    }

    /**
     * Closes the store and compacts its file: the live data is copied to a new file that then
     * replaces the old one (an interrupted copy is cleaned up at the next open), so a clean stop
     * leaves a file of about the size of the data. Measured: under a second for tens of MB, 2 s for 160 MB.
     */
    @Override
    public void close() {
        long before = size();
        long started = System.nanoTime();
        super.close();
        try {
            MVStoreTool.compact(file.toString(), true);
            log.info("compacted the store file {} from {} to {} in {} ms", file, megabytes(before), megabytes(size()),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("could not compact the store file {} (it stays as it is): {}", file, e.toString());
        } finally {
            lock.close();
        }
    }

    private long size() {
        return file.toFile().length();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexingDatabase(databaseName);
    }

    /**
     * A database whose non-unique indexes are real. An inner class: H2Database opens the indexes
     * from within its constructor, before fields of a subclass are set, and the store is reached
     * through the backend.
     */
    private final class IndexingDatabase extends H2Database {
        IndexingDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        /** Collections whose finds read one batch at a time ({@link StreamingCollection}). */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String full = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = getMvStore().openMap(DATA_MAP_PREFIX + full);
            MVMap<String, Object> metaMap = getMvStore().openMap(META_MAP_PREFIX + full);
            return new StreamingCollection(this, collectionName, options, dataMap, metaMap, getCursorRegistry());
        }

        /**
         * Unique indexes in maps with {@link KeyValueType} keys, under a name of their own:
         * a map of H2's backend (keys Java-serialized) is removed, and the collection, finding
         * the new map empty, fills it from its documents once.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            String full = getFullCollectionNamespace(collectionName);
            MVMap<KeyValue, Object> positions = getMvStore().openMap(full + KEY_INDEX_MAP + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
            String serializedKeys = full + "._index_" + indexName;
            if (getMvStore().hasMap(serializedKeys)) {
                log.info("rebuilding index {} of {} with keys H2 compares without serializing them (once)", indexName, full);
                getMvStore().removeMap(serializedKeys);
            }
            return new H2KeyIndex(positions, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            String keyIndex = getFullCollectionNamespace(collection.getCollectionName()) + KEY_INDEX_MAP + indexName;
            if (getMvStore().hasMap(keyIndex)) {
                getMvStore().removeMap(keyIndex);
            }
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                           boolean sparse) {
            if (collectionName.startsWith("system.")) {
                return new EmptyIndex<>(indexName, keys);
            }
            String full = getFullCollectionNamespace(collectionName);
            MVMap<String, Object> entries = getMvStore().openMap(full + "._index_" + indexName);
            if (entries.isEmpty()) {
                String dataMap = "databases." + full;
                long documents = getMvStore().hasMap(dataMap) ? getMvStore().openMap(dataMap).sizeAsLong() : 0;
                if (documents > 0 && !opened) {
                    log.info("building index {} of {} from its {} documents (once: it is kept up to date from now on)",
                            indexName, full, documents);
                }
            }
            return new H2SecondaryIndex(entries, indexName, keys, sparse);
        }
    }
}
