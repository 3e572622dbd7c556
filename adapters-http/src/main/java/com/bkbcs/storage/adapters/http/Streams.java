package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.ops.StreamMetrics;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streamed responses of one server (change streams). Each runs on a thread of its own, never a
 * Jetty request thread (the request goes asynchronous, Jetty's thread returns to the pool at
 * once); at most {@link StreamSettings#maxStreams()} run at once, a request beyond that is a 429
 * before anything is written. Every write is guarded by the write timeout: a client that does not
 * take an event in time has its connection closed under the blocked write, which ends the stream
 * (a slow-reader disconnect), so nothing is ever buffered for a client that stopped reading beyond
 * Jetty's output buffer and the socket's.
 *
 * <p>{@link #stop()} (the server stopping) refuses new streams and interrupts the running ones,
 * which end their responses properly, so a graceful stop does not wait for open streams.
 */
final class Streams {
    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);
    private static final byte[] NEWLINE = {'\n'};

    private final StreamSettings settings;
    private final JsonCodec json;
    private final AtomicInteger open = new AtomicInteger();
    private final StreamMetrics metrics;
    private final ExecutorService threads;
    private final ScheduledThreadPoolExecutor watchdog;
    private volatile boolean stopping;

    Streams(StreamSettings settings, JsonCodec json, MeterRegistry meters) {
        this.settings = settings;
        this.json = json;
        this.metrics = new StreamMetrics(meters, Clock.systemUTC(), open::get);
        this.threads = Executors.newCachedThreadPool(daemons("change-stream-"));
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemons("change-stream-write-timeout-"));
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    /** The bookmark interval streams use. */
    Duration bookmarkInterval() {
        return settings.bookmarkInterval();
    }

    /**
     * Answers {@code ctx} with a 200 of {@code contentType} whose body {@code body} writes on a
     * stream thread; a 429 when {@code maxStreams} are open, a 503 once the server is stopping.
     */
    void start(Context ctx, String contentType, StreamBody body) {
        if (stopping) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "the server is stopping");
        }
        if (open.incrementAndGet() > settings.maxStreams()) {
            open.decrementAndGet();
            throw new StorageException(ErrorKind.BUSY, settings.maxStreams()
                    + " change streams are open, the most this server serves at once; retry later");
        }
        boolean handedOver = false;
        try {
            ctx.status(200).contentType(contentType);
            ctx.future(() -> {
                // the stream ends itself (its timeout, the server stopping): no servlet timeout on top
                ctx.req().getAsyncContext().setTimeout(0);
                try {
                    return CompletableFuture.runAsync(() -> run(ctx, body), threads)
                            .whenComplete((done, failure) -> open.decrementAndGet());
                } catch (RejectedExecutionException e) {
                    open.decrementAndGet();
                    throw new StorageException(ErrorKind.UNAVAILABLE, "the server is stopping");
                }
            });
            handedOver = true;
        } finally {
            if (!handedOver) {
                open.decrementAndGet();
            }
        }
    }

    private void run(Context ctx, StreamBody body) {
        Writer writer = new Writer(ctx);
        try {
            // Jetty's own stream: Javalin's wrapper would neither flush nor leave the events uncompressed
            writer.out = ctx.res().getOutputStream();
            // the status and headers go at once: the client knows the stream is open before any event
            writer.guarded(writer.out::flush);
            body.run(writer);
            // the end of the body (the last chunk), under the write timeout like any event
            writer.guarded(writer.out::close);
        } catch (InterruptedException stopping) {
            LOG.debug("{} {}: stream ended, the server is stopping", ctx.method(), ctx.path());
        } catch (IOException e) {
            if (writer.timedOut) {
                metrics.slowReaderDisconnected();
                LOG.info("{} {}: the client took no event for {} ms; connection closed", ctx.method(), ctx.path(),
                        settings.writeTimeout().toMillis());
            } else {
                LOG.debug("{} {}: the client went away: {}", ctx.method(), ctx.path(), e.toString());
            }
        }
    }

    /** Refuses new streams and ends the running ones; they finish their responses on their own threads. */
    void stop() {
        stopping = true;
        threads.shutdownNow();
        watchdog.shutdownNow();
    }

    private final class Writer implements StreamBody.Output {
        private final Context ctx;
        private ServletOutputStream out;
        private volatile boolean timedOut;

        Writer(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public void send(Object value) throws IOException {
            byte[] line = json.write(value);
            guarded(() -> {
                out.write(line);
                out.write(NEWLINE);
                out.flush();
            });
        }

        /** Runs {@code write}; when it blocks longer than the write timeout, the connection is closed under it. */
        void guarded(Write write) throws IOException {
            ScheduledFuture<?> guard;
            try {
                guard = watchdog.schedule(this::cut, settings.writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                throw new IOException("the server is stopping");
            }
            try {
                write.run();
            } finally {
                guard.cancel(false);
            }
            if (timedOut) {
                throw new IOException("the client took no event within the write timeout");
            }
        }

        @Override
        public void sendChange(Object value, Instant changedAt) throws IOException {
            send(value);
            metrics.delivered(changedAt);
        }

        private void cut() {
            timedOut = true;
            Connection.cut(ctx, new TimeoutException("no event taken within " + settings.writeTimeout().toMillis() + " ms"));
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
