package com.bkbcs.storage.application.port.out;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Writers that start together, each with a time of its own handed out in shuffled order: what
 * concurrent requests look like to a store, since each request reads the clock before its write and
 * the writes then land in any order.
 */
final class RacingWrites implements AutoCloseable {
    private final int writers;
    private final ExecutorService pool;

    RacingWrites(int writers) {
        this.writers = writers;
        this.pool = Executors.newFixedThreadPool(writers);
    }

    /**
     * Runs {@code write(writer, time)} once per writer, all released at once, and waits for every
     * write; returns the times handed out, the {@code i}-th to writer {@code i}.
     */
    List<Instant> race(Instant base, BiConsumer<Integer, Instant> write) throws Exception {
        List<Instant> times = new ArrayList<>(writers);
        for (int i = 0; i < writers; i++) {
            times.add(base.plusMillis(i));
        }
        Collections.shuffle(times);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            writes.add(pool.submit(() -> {
                start.await();
                write.accept(writer, times.get(writer));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : writes) {
            future.get(60, TimeUnit.SECONDS);
        }
        return List.copyOf(times);
    }

    static Instant latest(List<Instant> times) {
        return Collections.max(times);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
