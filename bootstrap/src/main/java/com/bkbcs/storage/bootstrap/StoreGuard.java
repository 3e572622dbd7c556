package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.journal.JournalPage;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Keeps one backing store's outage from spreading, as a decorator of every outbound port of that
 * store (wired here, like {@link StoreMetrics}, so neither the core nor the adapters know about it):
 * <ul>
 *   <li><b>circuit breaker</b> (Resilience4j): while the store is known to be down, calls fail at
 *       once with UNAVAILABLE instead of waiting for a timeout. It opens when at least half of the
 *       last 10 calls (5 at least) failed as UNAVAILABLE (timeouts, refused connections; bad input
 *       or not-found never count), or when two checks in a row failed; it closes as soon as a check
 *       succeeds;</li>
 *   <li><b>background probe</b>: one daemon thread per store runs the store's check (the one
 *       readiness reports: a bounded ping) every probe interval, so the breaker follows the store
 *       without waiting for requests to fail, and closes again without letting a request try;</li>
 *   <li><b>bulkhead</b> (Resilience4j, semaphore): at most so many calls wait on the store at once;
 *       beyond that a call fails at once with UNAVAILABLE instead of queueing, so a frozen store can
 *       hold only that many of the HTTP server's threads, and requests that need only the other
 *       store, {@code /healthz} and {@code /metrics} keep being served.</li>
 * </ul>
 * A method that returns a lazily read {@link Stream} (or a {@link JournalPage}, which holds one)
 * keeps its permit until the stream is closed, and a failure met while reading it counts like one
 * of the call itself.
 *
 * <p>{@link #readiness()} answers at once from what the probe found and the breaker's state, so
 * {@code /readyz} never waits on a hung store; a check that is overdue counts as a failed one.
 */
final class StoreGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreGuard.class);
    /** Checks that must fail in a row before the probe opens the breaker: one slow ping is not an outage. */
    static final int FAILED_CHECKS_TO_OPEN = 2;
    /** A check this much past its timeout is overdue: readiness reports the store down without waiting for it. */
    private static final Duration OVERDUE_GRACE = Duration.ofMillis(500);
    private static final Duration REJECTION_LOG_PERIOD = Duration.ofSeconds(10);

    /** What a check found: whether the store answers, and a few words of state or reason. */
    record Status(boolean up, String detail) {
        Status {
            Objects.requireNonNull(detail, "detail");
        }

        static Status up(String detail) {
            return new Status(true, detail);
        }

        static Status down(String detail) {
            return new Status(false, detail);
        }
    }

    /** The check of a store: a round trip that takes at most {@code timeout} and never throws. */
    @FunctionalInterface
    interface Check {
        Status run(Duration timeout);
    }

    private final String store;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Check check;
    private final Duration checkTimeout;
    private final ScheduledExecutorService prober;
    private volatile Status lastCheck = Status.down("not checked yet");
    private volatile int failedChecksInARow;
    /** {@code System.nanoTime()} when the running check started; 0 while none runs. */
    private volatile long checkStartedAt;
    private volatile boolean closed;
    private final Counter breakerRejections;
    private final Counter bulkheadRejections;
    private final AtomicLong lastRejectionLogged = new AtomicLong(System.nanoTime() - REJECTION_LOG_PERIOD.toNanos());

    private StoreGuard(String store, int maxConcurrentCalls, Duration checkTimeout, Check check, MeterRegistry meters) {
        this.store = Objects.requireNonNull(store, "store");
        this.check = Objects.requireNonNull(check, "check");
        this.checkTimeout = Objects.requireNonNull(checkTimeout, "checkTimeout");
        this.breaker = CircuitBreaker.of(store, CircuitBreakerConfig.custom()
                .slidingWindow(10, 5, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50)
                .recordException(StoreGuard::isOutage)
                // the probe closes the breaker; this only lets a few calls try should the probe stall
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(3)
                .writableStackTraceEnabled(false)
                .build());
        this.bulkhead = Bulkhead.of(store, BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrentCalls)
                .maxWaitDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> LOG.atLevel(
                        event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED ? Level.INFO : Level.WARN)
                .log("{} circuit breaker {} -> {} (last check: {}; failure rate of recent calls {}%)", store,
                        event.getStateTransition().getFromState(), event.getStateTransition().getToState(),
                        lastCheck.detail(), breaker.getMetrics().getFailureRate()));
        this.breakerRejections = rejections(meters, "breaker_open");
        this.bulkheadRejections = rejections(meters, "bulkhead_full");
        Gauge.builder("bkbcs.storage.store.circuit.open", this, guard -> guard.isOpen() ? 1 : 0)
                .description("1 while calls to the store fail fast because it is known to be down")
                .tag("store", store).register(meters);
        Gauge.builder("bkbcs.storage.store.calls.in.flight", this, StoreGuard::callsInFlight)
                .description("Calls waiting on the store now").tag("store", store).register(meters);
        Gauge.builder("bkbcs.storage.store.calls.limit", this, guard -> maxConcurrentCalls)
                .description("Most calls that may wait on the store at once").tag("store", store).register(meters);
        this.prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "probe-" + store);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts guarding {@code store} ({@code mongodb}, {@code zookeeper}): runs a first check now, with
     * the patience of a first contact ({@code firstCheckTimeout}: a new client still connects, loads its
     * classes), then one every {@code probeInterval} in the background, each within {@code checkTimeout}. Its state goes to
     * {@code meters}, labelled {@code store}: {@code bkbcs_storage_store_circuit_open} (1 while open),
     * {@code bkbcs_storage_store_calls_in_flight}, {@code bkbcs_storage_store_calls_limit} and
     * {@code bkbcs_storage_store_rejected_total} ({@code reason}: {@code breaker_open}, {@code bulkhead_full}).
     */
    static StoreGuard start(String store, int maxConcurrentCalls, Duration probeInterval, Duration checkTimeout,
                            Duration firstCheckTimeout, Check check, MeterRegistry meters) {
        StoreGuard guard = new StoreGuard(store, maxConcurrentCalls, checkTimeout, check, meters);
        guard.probe(firstCheckTimeout);
        guard.prober.scheduleWithFixedDelay(() -> guard.probe(checkTimeout), probeInterval.toMillis(),
                probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        return guard;
    }

    /** Failures that say the store is away: they open the breaker. Anything else means the store answered. */
    static boolean isOutage(Throwable failure) {
        return failure instanceof StorageException storage && storage.kind() == ErrorKind.UNAVAILABLE;
    }

    String store() {
        return store;
    }

    /** {@code target} behind a proxy of {@code port} whose every call goes through the breaker and the bulkhead. */
    <T> T guard(Class<T> port, T target) {
        Objects.requireNonNull(target, "target");
        InvocationHandler handler = (proxy, method, args) -> method.getDeclaringClass() == Object.class
                ? method.invoke(target, args)
                : call(target, method, args);
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, handler));
    }

    private Object call(Object target, Method method, Object[] args) throws Throwable {
        Permit permit = acquire();
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            permit.release(e.getCause());
            throw e.getCause();
        } catch (Throwable e) {
            permit.release(e);
            throw e;
        }
        if (result instanceof Stream<?> stream) {
            return permit.heldUntilClosed(stream);
        }
        if (result instanceof JournalPage page) {
            return new JournalPage(page.total(), permit.heldUntilClosed(page.documents()));
        }
        permit.release(null);
        return result;
    }

    private Permit acquire() {
        if (!breaker.tryAcquirePermission()) {
            breakerRejections.increment();
            throw new StorageException(ErrorKind.UNAVAILABLE, store + " is down, calls fail fast until it answers again"
                    + " (last check: " + lastCheck.detail() + ")");
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            bulkheadRejections.increment();
            int limit = bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
            if (logRejection()) {
                LOG.warn("{} has {} calls in flight, its limit: further calls fail fast until some finish", store, limit);
            }
            throw new StorageException(ErrorKind.UNAVAILABLE, store + " is busy: " + limit
                    + " calls are waiting for it already");
        }
        return new Permit();
    }

    private Counter rejections(MeterRegistry meters, String reason) {
        return Counter.builder("bkbcs.storage.store.rejected").description("Calls to the store turned away at once")
                .tags("store", store, "reason", reason).register(meters);
    }

    private boolean logRejection() {
        long now = System.nanoTime();
        long last = lastRejectionLogged.get();
        return now - last >= REJECTION_LOG_PERIOD.toNanos() && lastRejectionLogged.compareAndSet(last, now);
    }

    // ---------------------------------------------------------------- probe and readiness

    private void probe(Duration timeout) {
        if (closed) {
            return;
        }
        checkStartedAt = nonZero(System.nanoTime());
        Status status;
        try {
            status = check.run(timeout);
        } catch (RuntimeException e) {
            status = Status.down("the check failed: " + e.getMessage());
        } finally {
            checkStartedAt = 0;
        }
        if (closed) {
            return;
        }
        lastCheck = status;
        CircuitBreaker.State state = breaker.getState();
        if (status.up()) {
            failedChecksInARow = 0;
            if (state != CircuitBreaker.State.CLOSED) {
                breaker.transitionToClosedState();
            }
        } else if (++failedChecksInARow >= FAILED_CHECKS_TO_OPEN && state != CircuitBreaker.State.OPEN) {
            breaker.transitionToOpenState();
        }
    }

    /**
     * Whether the store is usable, at once: down while the breaker is open, when the last check
     * failed, or when the running check is overdue; the detail names the check's finding and the
     * breaker's state.
     */
    Status readiness() {
        CircuitBreaker.State state = breaker.getState();
        String breakerState = "; circuit breaker " + state.name().toLowerCase(Locale.ROOT).replace('_', '-');
        long started = checkStartedAt;
        if (started != 0) {
            long runningMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (runningMillis > checkTimeout.plus(OVERDUE_GRACE).toMillis()) {
                return Status.down("no answer to a check for " + runningMillis + " ms" + breakerState);
            }
        }
        Status last = lastCheck;
        boolean up = last.up() && state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
        return new Status(up, last.detail() + breakerState);
    }

    boolean isOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    /** Calls holding a permit right now (streams not yet closed included). */
    int callsInFlight() {
        Bulkhead.Metrics metrics = bulkhead.getMetrics();
        return metrics.getMaxAllowedConcurrentCalls() - metrics.getAvailableConcurrentCalls();
    }

    /** Stops the probe (before the store's client is closed). */
    @Override
    public void close() {
        closed = true;
        prober.shutdownNow();
    }

    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }

    /** One call's hold on the bulkhead and the breaker: released once, with the call's outcome. */
    private final class Permit {
        private final long started = System.nanoTime();
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile Throwable failure;

        void release(Throwable outcome) {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            bulkhead.onComplete();
            long took = System.nanoTime() - started;
            if (outcome == null) {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            } else {
                breaker.onError(took, TimeUnit.NANOSECONDS, outcome);
            }
        }

        /** The stream, watched for failures while read, releasing this permit when closed. */
        <E> Stream<E> heldUntilClosed(Stream<E> stream) {
            Iterator<E> source = stream.iterator();
            Iterator<E> watched = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return source.hasNext();
                    } catch (RuntimeException e) {
                        failure = e;
                        throw e;
                    }
                }

                @Override
                public E next() {
                    try {
                        return source.next();
                    } catch (RuntimeException e) {
                        failure = e;
                        throw e;
                    }
                }
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(watched, Spliterator.ORDERED), false)
                    .onClose(() -> {
                        try {
                            stream.close();
                        } finally {
                            release(failure);
                        }
                    });
        }
    }
}
