package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.change.ChangeHistory;
import com.bkbcs.storage.domain.change.ChangePage;

import java.time.Instant;

/**
 * The changes of dynamic data, in revision order, as every instance on one store sees them. Every
 * successful write through the {@link ResourceStore} of the same store is one change (a PUT, a
 * DELETE that removed something, each document a batch delete removed), with a revision unique and
 * increasing across the store.
 *
 * <p>The guarantee watches are built on: {@link #after} never returns a change above a revision
 * some other change below it could still take. A change with a lower revision may commit after one
 * with a higher revision; {@code after} stops before it until it has committed or is known never to
 * commit, so a reader that moves its cursor to {@link ChangePage#through()} skips nothing.
 */
public interface ChangeFeed {

    /**
     * The settled changes with revisions above {@code after}, at most {@code limit}, in revision
     * order, and the revision up to which the page is complete.
     */
    ChangePage after(long after, int limit);

    /** Which revisions a reader may resume from; read from the store, never cached. */
    ChangeHistory history();

    /**
     * Forgets the changes recorded before {@code before}, oldest first, never one above a change it
     * keeps; returns how many it forgot.
     */
    long trim(Instant before);
}
