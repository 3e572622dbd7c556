package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.domain.change.ChangePage;
import com.bkbcs.storage.domain.change.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One instance's window on the {@link ChangeFeed}: a single thread reads the feed (at once after a
 * {@link #nudge()} from a write on this instance, else every poll interval, which is how writes
 * through other instances arrive) and keeps the latest changes in a bounded window that every watch
 * of this instance reads. A watch behind the window reads the feed itself, page by page, until it
 * catches up. Memory is the window's, however many watches there are and however slowly they read.
 */
public final class ChangeHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeHub.class);
    private static final int PAGE = 1000;

    private final ChangeFeed feed;
    private final Duration pollInterval;
    private final int window;
    private final Object lock = new Object();
    /** Every change with a revision in (floor, through], by revision. */
    private final TreeMap<Long, Change> recent = new TreeMap<>();
    private long floor;
    private long through;
    private boolean nudged;
    private boolean closed;
    private Thread reader;
    /** Touched by the reader thread only. */
    private boolean failing;

    /** A hub keeping at most {@code window} changes, polling the feed every {@code pollInterval}. */
    public ChangeHub(ChangeFeed feed, Duration pollInterval, int window) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (window < 1) {
            throw new IllegalArgumentException("the window holds at least one change, not " + window);
        }
        this.window = window;
    }

    /**
     * Starts reading the feed from its latest revision, in the background: a store that cannot be
     * reached yet delays the hub, not the start of the service.
     */
    public void start() {
        synchronized (lock) {
            if (reader != null) {
                return;
            }
            reader = new Thread(this::readFeed, "change-hub");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Where the feed ends now; retried every poll interval while the store cannot say. */
    private boolean positioned() {
        while (true) {
            try {
                long latest = feed.history().latest();
                synchronized (lock) {
                    floor = latest;
                    through = latest;
                    lock.notifyAll();
                    return true;
                }
            } catch (RuntimeException e) {
                failed("reading where the change feed ends", e);
            }
            awaitNudgeOrPoll();
            if (isClosed()) {
                return false;
            }
        }
    }

    /** A write on this instance has just been acknowledged: read the feed now. */
    public void nudge() {
        synchronized (lock) {
            nudged = true;
            lock.notifyAll();
        }
    }

    /** The revision up to which this hub has read every change. */
    public long through() {
        synchronized (lock) {
            return through;
        }
    }

    /**
     * The changes above {@code after} (at most {@code limit}) and the revision up to which the
     * answer is complete; waits up to {@code wait} while there is nothing above {@code after}.
     */
    public ChangePage next(long after, int limit, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (!closed && through <= after) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new ChangePage(List.of(), after);
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            if (after >= floor) {
                List<Change> changes = new ArrayList<>(Math.min(limit, recent.size()));
                for (Map.Entry<Long, Change> entry : recent.tailMap(after, false).entrySet()) {
                    if (changes.size() == limit) {
                        return new ChangePage(changes, changes.get(changes.size() - 1).revision());
                    }
                    changes.add(entry.getValue());
                }
                return new ChangePage(changes, Math.max(after, through));
            }
        }
        return behindTheWindow(after, limit, deadline);
    }

    /**
     * A reader behind the window reads the feed itself; while the feed has nothing above
     * {@code after} yet (a revision in flight, or one waiting to be settled after a crash), it
     * waits and reads again, until the deadline, like a reader of the window would.
     */
    private ChangePage behindTheWindow(long after, int limit, long deadline) throws InterruptedException {
        while (true) {
            ChangePage page = feed.after(after, limit);
            long left = deadline - System.nanoTime();
            if (!page.changes().isEmpty() || page.through() > after || left <= 0) {
                return page;
            }
            synchronized (lock) {
                if (closed) {
                    return page;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, pollInterval.toNanos()));
            }
        }
    }

    private void readFeed() {
        if (!positioned()) {
            return;
        }
        while (true) {
            long from;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                from = through;
            }
            boolean full = false;
            try {
                ChangePage page = feed.after(from, PAGE);
                full = page.changes().size() == PAGE;
                take(from, page);
                if (failing) {
                    failing = false;
                    log.info("reading the change feed works again");
                }
            } catch (RuntimeException e) {
                failed("reading the change feed", e);
            }
            if (!full) {
                awaitNudgeOrPoll();
            }
        }
    }

    /** Says so once per outage (at WARN), not at every poll. */
    private void failed(String what, RuntimeException e) {
        if (failing) {
            log.debug("{} failed again: {}", what, e.toString());
        } else {
            failing = true;
            log.warn("{} failed, retrying every {} ms (watches wait meanwhile): {}", what, pollInterval.toMillis(),
                    e.getMessage());
        }
    }

    private void take(long from, ChangePage page) {
        synchronized (lock) {
            if (through != from) {
                return;
            }
            for (Change change : page.changes()) {
                recent.put(change.revision(), change);
            }
            while (recent.size() > window) {
                floor = recent.pollFirstEntry().getKey();
            }
            if (page.through() > through) {
                through = page.through();
                lock.notifyAll();
            }
        }
    }

    private void awaitNudgeOrPoll() {
        synchronized (lock) {
            long deadline = System.nanoTime() + pollInterval.toNanos();
            try {
                while (!nudged && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                closed = true;
                Thread.currentThread().interrupt();
            }
            nudged = false;
        }
    }

    /** Stops reading; waiting watches return at once. */
    @Override
    public void close() {
        Thread stopping;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            stopping = reader;
        }
        if (stopping != null) {
            stopping.interrupt();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }
}
