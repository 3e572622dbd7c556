package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase;
import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase.RetentionReport;
import com.bkbcs.storage.domain.journal.RetentionPolicy;
import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schedule runs retention repeatedly, survives a failed run and stops on close. */
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

        RetentionSchedule schedule = RetentionSchedule.start(retention, Duration.ZERO, Duration.ofMillis(10));
        assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
        schedule.close();
        assertThat(schedule.isStopped()).isTrue();
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
