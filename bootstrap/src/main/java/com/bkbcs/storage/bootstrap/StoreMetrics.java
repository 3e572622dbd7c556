package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.domain.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Objects;

/**
 * Counts and times every call of an outbound port ({@code ResourceStore} over MongoDB,
 * {@code WatchStore} over ZooKeeper...), as a decorator wired here so that neither the core nor the
 * store adapters know about metrics. In Prometheus: {@code bkbcs_storage_store_operation_total} and
 * {@code bkbcs_storage_store_operation_latency_seconds}, labelled {@code store} ({@code mongodb},
 * {@code zookeeper}), {@code port} (the interface), {@code operation} (the method) and
 * {@code outcome} ({@code success}, or the failure's error kind: {@code unavailable},
 * {@code not_found}, {@code internal}...). A call returning a stream is timed until the stream is
 * returned (the query opened), not while it is read.
 */
final class StoreMetrics {
    static final String OPERATIONS = "bkbcs.storage.store.operation";
    static final String LATENCY = "bkbcs.storage.store.operation.latency";
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry meters;

    StoreMetrics(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /** {@code target} behind a proxy of {@code port} that measures each call, labelled with the port's name. */
    <T> T meter(Class<T> port, String store, T target) {
        return meter(port, port.getSimpleName(), store, target);
    }

    /**
     * As {@link #meter(Class, String, Object)}, with the {@code port} label given: for ports that
     * have several instances (the event and the alarm journal).
     */
    <T> T meter(Class<T> port, String portLabel, String store, T target) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(portLabel, "portLabel");
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            return measured(portLabel, store, method, () -> method.invoke(target, args));
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, handler));
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }

    private Object measured(String port, String store, Method method, Call call) throws Throwable {
        long started = System.nanoTime();
        String outcome = "success";
        try {
            return call.run();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            outcome = cause instanceof StorageException storage ? storage.kind().name().toLowerCase(java.util.Locale.ROOT)
                    : "error";
            throw cause;
        } finally {
            Tags tags = Tags.of("store", store, "port", port, "operation", method.getName(), "outcome", outcome);
            Counter.builder(OPERATIONS).description("Calls to a backing store").tags(tags).register(meters).increment();
            Timer.builder(LATENCY).description("Time a backing store took to answer").tags(tags)
                    .serviceLevelObjectives(BUCKETS).register(meters)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
