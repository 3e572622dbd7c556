package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.in.dynamic.WatchResourcesUseCase;
import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.domain.change.ChangePage;
import com.bkbcs.storage.domain.change.ChangeHistory;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.change.Change;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Watches read this instance's {@link ChangeHub} (or the feed itself, while behind the hub's
 * window) and keep the changes of their type and scope that match their filter, projected. A
 * filter is tested on the document after the change (for a delete, its last state), with the
 * domain's reference semantics, so a watch matches what a list with the same filter would return.
 */
public final class WatchResourcesService implements WatchResourcesUseCase {
    private static final int PAGE = 500;

    private final ChangeFeed feed;
    private final ChangeHub hub;

    public WatchResourcesService(ChangeFeed feed, ChangeHub hub) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    @Override
    public ResourceWatch watch(WatchResourcesQuery query) {
        ChangeHistory history = feed.history();
        long from;
        if (query.since().isPresent()) {
            from = query.since().getAsLong();
            if (!history.canResumeFrom(from)) {
                throw new StorageException(ErrorKind.GONE, from < history.forgottenThrough()
                        ? "revision " + from + " is older than the history kept; the oldest revision a watch can start from is "
                          + history.forgottenThrough() + ": list again and watch from the list's revision"
                        : "revision " + from + " is ahead of this store (latest " + history.latest()
                          + "); the oldest revision a watch can start from is " + history.forgottenThrough()
                          + ": list again and watch from the list's revision");
            }
        } else {
            from = history.latest();
        }
        return new Cursor(query, from);
    }

    @Override
    public long settledRevision() {
        return hub.through();
    }

    private final class Cursor implements ResourceWatch {
        private final WatchResourcesQuery query;
        private long after;

        Cursor(WatchResourcesQuery query, long after) {
            this.query = query;
            this.after = after;
        }

        @Override
        public WatchEvents poll(Duration wait) throws InterruptedException {
            ChangePage page = hub.next(after, PAGE, wait);
            List<WatchEvent> events = new ArrayList<>();
            for (Change change : page.changes()) {
                if (change.revision() > after && matches(change)) {
                    events.add(new WatchEvent(change.type(), change.revision(), query.projection().apply(change.document()),
                            change.at()));
                }
            }
            after = Math.max(after, page.through());
            return new WatchEvents(events, after);
        }

        private boolean matches(Change change) {
            return query.scope().contains(change.key()) && query.filter().matches(change.document());
        }
    }
}
