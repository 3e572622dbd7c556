package com.bkbcs.storage.adapters.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * mongo-java-server's memory backend, standing in for a real MongoDB in tests, without its one race
 * a real MongoDB does not have: 1.47.0 adds an index to a plain list that inserts iterate without a
 * lock, so a {@code createIndexes} racing the first writes of a collection fails one of them
 * ("Unknown error: null"). Index changes take the write side of a lock, every other command the read
 * side, as the embedded store's backend does.
 */
final class IndexSafeMemoryBackend extends MemoryBackend {
    private static final Set<String> INDEX_CHANGES = Set.of("createindexes", "dropindexes", "deleteindexes",
            "drop", "dropdatabase", "renamecollection", "create");

    private final ReadWriteLock indexLock = new ReentrantReadWriteLock();

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Lock lock = INDEX_CHANGES.contains(command.toLowerCase(Locale.ROOT)) ? indexLock.writeLock() : indexLock.readLock();
        lock.lock();
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            lock.unlock();
        }
    }
}
