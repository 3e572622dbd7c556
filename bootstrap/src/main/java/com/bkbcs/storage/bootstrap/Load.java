package com.bkbcs.storage.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bench's load: {@code clients} threads take request numbers 0, 1, 2, ... from one counter and
 * send each, until {@code count} are taken or, for a timed load, until its time is up. Every
 * request's latency is kept; a request fails by throwing, and the first failure is kept to say what
 * it was. The same loop drives the service over HTTP and the raw driver, so their numbers compare.
 */
final class Load {
    /** Sends request {@code i}; throws when it failed. */
    @FunctionalInterface
    interface Request {
        void send(int i) throws Exception;
    }

    /** What a load did: each request's latency in nanoseconds, its wall time, its failures. */
    record Result(long[] latencies, double seconds, int errors, Optional<String> firstError) {
    }

    private final int clients;

    Load(int clients) {
        if (clients < 1) {
            throw new IllegalArgumentException("--clients must be at least 1");
        }
        this.clients = clients;
    }

    /** Requests 0 to {@code count - 1}. */
    Result run(int count, Request request) throws InterruptedException {
        return run(count, Optional.empty(), request);
    }

    /** Requests 0, 1, 2, ... for {@code duration}; a request started before the end is completed. */
    Result runFor(Duration duration, Request request) throws InterruptedException {
        return run(Integer.MAX_VALUE, Optional.of(duration), request);
    }

    private Result run(int count, Optional<Duration> duration, Request request) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long length = duration.map(Duration::toNanos).orElse(Long.MAX_VALUE);
        List<Future<long[]>> workers = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    long[] latencies = new long[64];
                    int done = 0;
                    for (int i = next.getAndIncrement(); i < count && System.nanoTime() - start < length;
                         i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            request.send(i);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
                        }
                        if (done == latencies.length) {
                            latencies = Arrays.copyOf(latencies, done * 2);
                        }
                        latencies[done++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(latencies, done);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> worker : workers) {
                long[] some = worker.get();
                int had = all.length;
                all = Arrays.copyOf(all, had + some.length);
                System.arraycopy(some, 0, all, had, some.length);
            }
            return new Result(all, (System.nanoTime() - start) / 1e9, errors.get(), Optional.ofNullable(firstError.get()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("a bench client failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
