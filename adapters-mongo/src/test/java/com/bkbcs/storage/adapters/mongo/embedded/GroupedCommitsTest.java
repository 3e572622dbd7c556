package com.bkbcs.storage.adapters.mongo.embedded;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupedCommitsTest {

    @Test
    void aWriterReturnsOnlyAfterACommitThatStartedAfterItsWrite() throws Exception {
        AtomicLong written = new AtomicLong();
        AtomicLong durable = new AtomicLong();
        AtomicInteger commits = new AtomicInteger();
        GroupedCommits grouped = new GroupedCommits(() -> {
            long covered = written.get();
            commits.incrementAndGet();
            sleep(2);
            durable.accumulateAndGet(covered, Math::max);
        });
        int writers = 16;
        int writesEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            results.add(pool.submit(() -> {
                start.await();
                boolean allDurable = true;
                for (int i = 0; i < writesEach; i++) {
                    long mine = written.incrementAndGet();
                    grouped.commitAfterWrite();
                    allDurable &= durable.get() >= mine;
                }
                return allDurable;
            }));
        }
        start.countDown();
        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
        pool.shutdown();
        assertThat(commits.get()).as("commits for %d writes", writers * writesEach).isLessThan(writers * writesEach / 2);
    }

    @Test
    void aFailedCommitFailsItsWriterAndTheNextWriterCommitsAgain() {
        AtomicInteger calls = new AtomicInteger();
        GroupedCommits grouped = new GroupedCommits(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });

        assertThatThrownBy(grouped::commitAfterWrite).hasMessage("disk full");
        grouped.commitAfterWrite();
        assertThat(calls.get()).isEqualTo(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
