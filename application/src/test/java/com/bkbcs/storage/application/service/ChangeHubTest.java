package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.change.Change;
import com.bkbcs.storage.domain.change.ChangeHistory;
import com.bkbcs.storage.domain.change.ChangePage;
import com.bkbcs.storage.domain.change.ChangeType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader behind the hub's window reads the feed itself; a gap in the feed (a revision in flight,
 * or waiting to be settled after a crash) must make it wait and read again, not return at once
 * with nothing: a stream took an early empty answer for a closed hub and ended.
 */
class ChangeHubTest {

    /** A feed at revision 10 whose revision 4 is missing until {@code settled} is set. */
    private static final class GappedFeed implements ChangeFeed {
        final AtomicBoolean settled = new AtomicBoolean();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public ChangePage after(long after, int limit) {
            reads.incrementAndGet();
            if (after < 3 || !settled.get() && after == 3) {
                return new ChangePage(List.of(), Math.max(after, 3));
            }
            return new ChangePage(List.of(new Change(4, ChangeType.ADDED, Instant.EPOCH,
                    ResourceKey.clusterScoped("c", "Node", "n"), Map.of("_id", "c/Node/n"))), 10);
        }

        @Override
        public ChangeHistory history() {
            return new ChangeHistory(0, 10);
        }

        @Override
        public long trim(Instant before) {
            return 0;
        }
    }

    @Test
    void aReaderBehindTheWindowWaitsAtAGapAndGetsTheChangeOnceItIsSettled() throws Exception {
        GappedFeed feed = new GappedFeed();
        try (ChangeHub hub = new ChangeHub(feed, Duration.ofMillis(20), 16)) {
            hub.start();
            long t0 = System.nanoTime();
            ChangePage waited = hub.next(3, 100, Duration.ofMillis(300));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("waited for the gap, not returned at once")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(waited.changes()).isEmpty();
            assertThat(waited.through()).isEqualTo(3);

            feed.settled.set(true);
            ChangePage page = hub.next(3, 100, Duration.ofSeconds(5));
            assertThat(page.changes()).extracting(Change::revision).containsExactly(4L);
            assertThat(page.through()).isEqualTo(10);
        }
    }

    @Test
    void aClosedHubAnswersAtOnce() throws Exception {
        GappedFeed feed = new GappedFeed();
        ChangeHub hub = new ChangeHub(feed, Duration.ofMillis(20), 16);
        hub.start();
        hub.close();
        long t0 = System.nanoTime();
        hub.next(3, 100, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }
}
