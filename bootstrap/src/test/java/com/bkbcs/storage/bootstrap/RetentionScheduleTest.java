package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase;
import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase.RetentionReport;
import com.bkbcs.storage.application.port.out.Leadership;
import com.bkbcs.storage.domain.journal.RetentionPolicy;
import com.bkbcs.storage.domain.StorageException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schedule runs retention repeatedly while this instance leads, survives a failed run, counts its runs and stops on close. */
class RetentionScheduleTest {

    @Test
    void runsAgainAfterAFailedRunAndStopsOnClose() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch threeRuns = new CountDownLatch(3);
        EnforceRetentionUseCase retention = () -> {
            runs.incrementAndGet();
            threeRuns.countDown();
            if (runs.get() == 1) {
                throw StorageException.unavailable("the store is away", null);
            }
            return new RetentionReport(Map.of(), Map.of());
        };

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RetentionSchedule schedule = RetentionSchedule.start(retention, Duration.ZERO, Duration.ofMillis(10),
                new AloneLeadership("here:1"), meters);
        assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
        schedule.close();
        assertThat(schedule.isStopped()).isTrue();
        assertThat(meters.get(RetentionSchedule.RUNS).tag("outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(meters.get(RetentionSchedule.RUNS).tag("outcome", "done").counter().count())
                .isEqualTo(runs.get() - 1);
        assertThat(meters.get(RetentionSchedule.LEADER).gauge().value()).isEqualTo(1);
    }

    @Test
    void runsOnlyWhileThisInstanceLeads() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean leads = new AtomicBoolean(false);
        Leadership leadership = new Leadership() {
            @Override
            public boolean leads() {
                return leads.get();
            }

            @Override
            public String leader() {
                return leads.get() ? "this instance" : "another";
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (RetentionSchedule schedule = RetentionSchedule.start(() -> {
            runs.incrementAndGet();
            return new RetentionReport(Map.of(), Map.of());
        }, Duration.ZERO, Duration.ofMillis(5), leadership, meters)) {
            Thread.sleep(200);
            assertThat(runs.get()).as("a follower never runs retention").isZero();
            assertThat(meters.get(RetentionSchedule.LEADER).gauge().value()).isZero();

            leads.set(true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runs.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(runs.get()).as("the leader runs it").isGreaterThanOrEqualTo(3);
            assertThat(meters.get(RetentionSchedule.LEADER).gauge().value()).isEqualTo(1);

            leads.set(false);
            Thread.sleep(50); // a run that had already checked may still end
            int afterLosing = runs.get();
            Thread.sleep(200);
            assertThat(runs.get()).as("no run after leadership is lost").isEqualTo(afterLosing);
            assertThat(meters.get(RetentionSchedule.RUNS).tag("outcome", "done").counter().count()).isEqualTo(afterLosing);
        }
    }

    @Test
    void configurationIsValidatedAndDefaultsToFifteenDaysAndTenThousandPerClusterEveryMinute() {
        RetentionConfig defaults = RetentionConfig.defaults();
        assertThat(defaults.events()).isEqualTo(new RetentionPolicy(15, 10_000));
        assertThat(defaults.alarms()).isEqualTo(new RetentionPolicy(15, 10_000));
        assertThat(defaults.firstRun()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.period()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.watchHistory()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.describe()).isEqualTo("events 15 days / 10000 per cluster, alarms 15 days / 10000 per cluster, "
                + "changes of dynamic data 3600 s, every 60 s");
        assertThat(RetentionConfig.of(new RetentionPolicy(0, 5), new RetentionPolicy(3, 0))
                .withWatchHistory(Duration.ofMinutes(5)).describe())
                .isEqualTo("events no age limit / 5 per cluster, alarms 3 days / no cap, changes of dynamic data 300 s, every 60 s");
        assertThatThrownBy(() -> new RetentionConfig(RetentionPolicy.DEFAULT, RetentionPolicy.DEFAULT, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionConfig.defaults().withWatchHistory(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
