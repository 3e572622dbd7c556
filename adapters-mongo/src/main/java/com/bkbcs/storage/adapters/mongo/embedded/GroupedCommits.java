package com.bkbcs.storage.adapters.mongo.embedded;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits that concurrent writers share: a writer returns once a commit that started after its
 * write has finished. The first writer to find no commit running runs one for every write done
 * so far; writers arriving meanwhile wait for it, or for the next one when their write came too
 * late for it. Under one writer it is a commit per write; under many, one commit covers several,
 * which writes fewer chunks to the file (each commit appends one).
 */
final class GroupedCommits {
    private final Runnable commit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** Writes announced so far, numbered from 1. */
    private long announced;
    /** Every write up to this number is committed. */
    private long committed;
    private boolean committing;

    GroupedCommits(Runnable commit) {
        this.commit = commit;
    }

    /** Returns once the caller's finished write is committed; throws what a failed commit threw. */
    void commitAfterWrite() {
        lock.lock();
        try {
            long mine = ++announced;
            while (committed < mine) {
                if (committing) {
                    finished.awaitUninterruptibly();
                    continue;
                }
                committing = true;
                long covering = announced;
                boolean done = false;
                lock.unlock();
                try {
                    commit.run();
                    done = true;
                } finally {
                    lock.lock();
                    committing = false;
                    if (done) {
                        committed = Math.max(committed, covering);
                    }
                    finished.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
