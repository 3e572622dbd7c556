package com.bkbcs.storage.adapters.mongo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * This process's claim on a store file, as an operating-system lock on {@code <file>.lock}, from
 * before the store is opened until after the stop's compaction. H2 locks the store file only while
 * it is open, and the compaction runs after it is closed: without this, a process started during
 * a stop (a restart, a new pod on the same volume) opens the old file, its clean-up deletes the
 * copy being written, and the stopping process then renames files under it. The lock dies with the
 * process, so a killed one never leaves it behind.
 */
final class StoreLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws IllegalStateException when another process (or another store in this one) holds it
     * @throws UncheckedIOException  when the lock file cannot be created
     */
    static StoreLock acquire(Path storeFile) {
        Path lockFile = storeFile.resolveSibling(storeFile.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock file " + lockFile, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new IllegalStateException("the store " + storeFile + " is in use by another process (it holds "
                    + lockFile + "; a stopping one releases it when its compaction ends)");
        }
        return new StoreLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held that outlives the channel
        }
    }
}
