package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.journal.JournalPage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The guard of one store around a port whose calls the test holds, fails or lets through: the
 * bulkhead turns calls away beyond its limit, streams keep their permit until closed, the breaker
 * opens on outages only and fails calls at once while open, the probe opens and closes it, and
 * readiness answers at once even while a check hangs.
 */
class StoreGuardTest {
    /** A port as the stores have them: plain calls, lazily read streams, journal pages. */
    interface Port {
        String get(String key);

        Stream<String> list();

        JournalPage page();
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<StoreGuard.Status> found = new AtomicReference<>(StoreGuard.Status.up("fine"));
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<StoreGuard> guards = new ArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        guards.forEach(StoreGuard::close);
    }

    /** A guard whose probe checks every 50 ms. */
    private StoreGuard guard(int maxConcurrentCalls) {
        return guard(maxConcurrentCalls, Duration.ofMillis(50));
    }

    private StoreGuard guard(int maxConcurrentCalls, Duration probeInterval) {
        StoreGuard guard = StoreGuard.start("teststore", maxConcurrentCalls, probeInterval, Duration.ofMillis(200),
                Duration.ofSeconds(1), timeout -> found.get(), meters);
        guards.add(guard);
        return guard;
    }

    @Test
    void beyondItsLimitCallsFailAtOnceAsUnavailableAndGetThroughAgainOnceOthersFinish() throws Exception {
        StoreGuard guard = guard(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(2);
        Port port = guard.guard(Port.class, new HeldPort(() -> {
            entered.countDown();
            return await(release);
        }));
        List<Future<String>> held = List.of(callers.submit(() -> port.get("a")), callers.submit(() -> port.get("b")));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThatThrownBy(() -> port.get("c"))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessage("teststore is busy: 2 calls are waiting for it already");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
        assertThat(guard.callsInFlight()).isEqualTo(2);
        assertThat(meters.get("bkbcs.storage.store.rejected").tag("reason", "bulkhead_full").counter().count()).isEqualTo(1);
        assertThat(guard.isOpen()).as("a full bulkhead is no outage").isFalse();

        release.countDown();
        for (Future<String> call : held) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("value");
        }
        assertThat(guard.callsInFlight()).isZero();
        assertThat(port.get("d")).isEqualTo("value");
    }

    @Test
    void aStreamHoldsItsPermitUntilClosedAndFailuresWhileReadingItCount() {
        StoreGuard guard = guard(1, Duration.ofHours(1));
        Port port = guard.guard(Port.class, new HeldPort(() -> true));

        try (Stream<String> listed = port.list()) {
            assertThatThrownBy(() -> port.get("a")).hasMessageContaining("busy");
            assertThat(listed.toList()).containsExactly("x", "y");
            assertThat(guard.callsInFlight()).as("read but not closed").isEqualTo(1);
        }
        assertThat(guard.callsInFlight()).isZero();
        try (JournalPage page = port.page()) {
            assertThat(page.total()).isEqualTo(7);
            assertThatThrownBy(() -> port.get("a")).hasMessageContaining("busy");
        }
        assertThat(guard.callsInFlight()).isZero();

        Port failingWhileRead = guard.guard(Port.class, new HeldPort(() -> true) {
            @Override
            public Stream<String> list() {
                return Stream.of("x").map(x -> {
                    throw StorageException.unavailable("the database timed out: list got no answer in time", null);
                });
            }
        });
        for (int i = 0; i < 10 && !guard.isOpen(); i++) {
            try (Stream<String> listed = failingWhileRead.list()) {
                Iterator<String> iterator = listed.iterator();
                assertThatThrownBy(iterator::next).hasMessageContaining("timed out");
            }
        }
        assertThat(guard.isOpen()).as("opened by failures met while reading").isTrue();
        assertThat(guard.callsInFlight()).isZero();
    }

    @Test
    void outagesOpenTheBreakerOtherFailuresDoNotAndWhileOpenCallsFailAtOnce() {
        StoreGuard guard = guard(10, Duration.ofHours(1));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch reached = new CountDownLatch(1);
        Port port = guard.guard(Port.class, new HeldPort(() -> {
            reached.countDown();
            if (failure.get() != null) {
                throw failure.get();
            }
            return true;
        }));

        for (ErrorKind kind : List.of(ErrorKind.BAD_INPUT, ErrorKind.NOT_FOUND, ErrorKind.TOO_LARGE, ErrorKind.INTERNAL)) {
            failure.set(new StorageException(kind, "no outage"));
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> port.get("a")).hasMessage("no outage");
            }
        }
        assertThat(guard.isOpen()).isFalse();

        failure.set(StorageException.unavailable("the database timed out: find got no answer in time", null));
        for (int i = 0; i < 10 && !guard.isOpen(); i++) {
            assertThatThrownBy(() -> port.get("a")).hasMessageContaining("timed out");
        }
        assertThat(guard.isOpen()).isTrue();

        failure.set(null);
        long started = System.nanoTime();
        assertThatThrownBy(() -> port.get("a"))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessageStartingWith("teststore is down, calls fail fast until it answers again (last check: ");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
        assertThat(meters.get("bkbcs.storage.store.rejected").tag("reason", "breaker_open").counter().count()).isPositive();
        assertThat(meters.get("bkbcs.storage.store.circuit.open").gauge().value()).isEqualTo(1);
        assertThat(guard.readiness()).as("the check says fine, the breaker does not")
                .isEqualTo(StoreGuard.Status.down("fine; circuit breaker open"));
    }

    @Test
    void twoFailedChecksInARowOpenTheBreakerWithoutAnyCallAndOneGoodCheckClosesIt() throws Exception {
        StoreGuard guard = guard(10);
        Port port = guard.guard(Port.class, new HeldPort(() -> true));

        found.set(StoreGuard.Status.down("MongoDB did not answer a ping within 200 ms"));
        awaitTrue(guard::isOpen);
        assertThat(guard.readiness()).isEqualTo(
                StoreGuard.Status.down("MongoDB did not answer a ping within 200 ms; circuit breaker open"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> port.get("a")).hasMessage("teststore is down, calls fail fast until it answers again"
                + " (last check: MongoDB did not answer a ping within 200 ms)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));

        found.set(StoreGuard.Status.up("ping answered"));
        awaitTrue(() -> !guard.isOpen());
        assertThat(port.get("a")).isEqualTo("value");
        assertThat(guard.readiness()).isEqualTo(StoreGuard.Status.up("ping answered; circuit breaker closed"));
        assertThat(meters.get("bkbcs.storage.store.circuit.open").gauge().value()).isZero();
    }

    @Test
    void readinessAnswersAtOnceWhileACheckHangsAndCallsItOverdue() throws Exception {
        CountDownLatch hang = new CountDownLatch(1);
        AtomicReference<Boolean> hanging = new AtomicReference<>(false);
        StoreGuard.Check hangsWhenTold = timeout -> {
            if (hanging.get()) {
                await(hang);
            }
            return StoreGuard.Status.up("fine");
        };
        StoreGuard guard = StoreGuard.start("teststore", 10, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofSeconds(1), hangsWhenTold, meters);
        guards.add(guard);
        assertThat(guard.readiness().up()).isTrue();

        hanging.set(true);
        awaitTrue(() -> {
            long started = System.nanoTime();
            StoreGuard.Status status = guard.readiness();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
            return !status.up();
        });
        assertThat(guard.readiness().detail()).matches("no answer to a check for \\d+ ms; circuit breaker closed");
        hang.countDown();
        hanging.set(false);
        awaitTrue(() -> guard.readiness().up());
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 10 s");
            }
            Thread.sleep(10);
        }
    }

    /** Each plain call first runs {@code gate} (which may block or throw). */
    private static class HeldPort implements Port {
        private final BooleanSupplier gate;

        HeldPort(BooleanSupplier gate) {
            this.gate = gate;
        }

        @Override
        public String get(String key) {
            gate.getAsBoolean();
            return "value";
        }

        @Override
        public Stream<String> list() {
            return Stream.of("x", "y");
        }

        @Override
        public JournalPage page() {
            return new JournalPage(7, Stream.of(Map.of("a", 1)));
        }
    }
}
