package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
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

    private final ReadWriteLock indexLock = new ReentrantReadWriteLock();

    private EmbeddedBackend(MVStore store) {
        super(store);
    }

    /**
     * Opens (or creates) the store file. The MVStore commits only when told ({@link #handleCommand}
     * does after every write).
     */
    static EmbeddedBackend open(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        return new EmbeddedBackend(store);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        Lock lock = INDEX_CHANGES.contains(name) ? indexLock.writeLock() : indexLock.readLock();
        lock.lock();
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            try {
                if (!READ_ONLY.contains(name) && !COMMITTED_BY_NEXT_WRITE.contains(name + " " + query.get(command))) {
                    commit();
                }
            } finally {
                lock.unlock();
            }
        }
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
                if (documents > 0) {
                    log.info("building index {} of {} from its {} documents (once: it is kept up to date from now on)",
                            indexName, full, documents);
                }
            }
            return new H2SecondaryIndex(entries, indexName, keys, sparse);
        }
    }
}
