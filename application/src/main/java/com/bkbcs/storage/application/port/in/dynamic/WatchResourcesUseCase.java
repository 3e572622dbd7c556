package com.bkbcs.storage.application.port.in.dynamic;

import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.change.ChangeType;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Watches the changes of one type's resources in a scope, filtered and projected like a list,
 * from a revision on or from now on.
 */
public interface WatchResourcesUseCase {

    /**
     * Opens a watch. A {@code since} below the history kept (or above the store's latest revision)
     * fails with {@code GONE}, naming the oldest revision a watch can still start from.
     */
    ResourceWatch watch(WatchResourcesQuery query);

    /**
     * The revision a watch started with {@code since} set to it misses no change made after this
     * call: read it before the list it goes with.
     */
    long settledRevision();

    record WatchResourcesQuery(ResourceScope scope, ResourceFilter filter, Projection projection, OptionalLong since) {
        public WatchResourcesQuery {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(projection, "projection");
            Objects.requireNonNull(since, "since");
            if (since.isPresent() && since.getAsLong() < 0) {
                throw new IllegalArgumentException("since is a revision, never negative");
            }
        }
    }

    /** One open watch; not thread-safe: one reader polls it. */
    interface ResourceWatch {

        /**
         * The matching changes after the previous poll's, waiting up to {@code wait} while there
         * are none to read; {@link WatchEvents#through()} says up to which revision every matching
         * change has now been returned (a bookmark).
         */
        WatchEvents poll(Duration wait) throws InterruptedException;
    }

    /** Matching changes, in revision order, complete up to {@code through}. */
    record WatchEvents(List<WatchEvent> events, long through) {
        public WatchEvents {
            events = List.copyOf(events);
        }
    }

    /**
     * One matching change: its type, revision, projected document (for DELETED, the last state) and
     * when the store recorded it.
     */
    record WatchEvent(ChangeType type, long revision, Map<String, Object> object, Instant at) {
        public WatchEvent {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(at, "at");
        }
    }
}
