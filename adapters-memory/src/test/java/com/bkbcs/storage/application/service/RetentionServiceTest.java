package com.bkbcs.storage.application.service;

import com.bkbcs.storage.adapters.memory.InMemoryJournal;
import com.bkbcs.storage.application.port.in.alarm.RecordAlarmUseCase.RecordAlarmCommand;
import com.bkbcs.storage.application.port.in.event.RecordEventUseCase.RecordEventCommand;
import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase.RetentionReport;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.domain.alarm.Alarm;
import com.bkbcs.storage.domain.event.Event;
import com.bkbcs.storage.domain.event.ExtraInfo;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;
import com.bkbcs.storage.domain.journal.RetentionPolicy;
import com.bkbcs.storage.domain.journal.UnixTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retention driven by a clock moved by hand: no sleeps, exact counts. */
class RetentionServiceTest {
    private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    private final InMemoryJournal events = new InMemoryJournal(JournalKind.EVENTS);
    private final InMemoryJournal alarms = new InMemoryJournal(JournalKind.ALARMS);
    private final EventService eventService = new EventService(events, clock);
    private final AlarmService alarmService = new AlarmService(alarms, clock);

    private RetentionService retention(RetentionPolicy eventPolicy, RetentionPolicy alarmPolicy) {
        Map<Journal, RetentionPolicy> policies = new LinkedHashMap<>();
        policies.put(events, eventPolicy);
        policies.put(alarms, alarmPolicy);
        return new RetentionService(policies, clock);
    }

    @Test
    void entriesGoWhenTheyWereStoredMoreThanMaxDaysAgoWhateverTheirReportedTime() {
        RetentionService retention = retention(new RetentionPolicy(15, 0), new RetentionPolicy(2, 0));
        recordEvent("c", 4_000_000_000L);          // reported far in the future, stored at START
        recordAlarm("c", 1);                         // reported in 1970, stored at START
        clock.advance(Duration.ofDays(1));
        recordEvent("c", 1);                         // stored at START + 1 day

        clock.set(START.plus(Duration.ofDays(15)));
        assertThat(retention.enforce().removed(JournalKind.EVENTS)).isZero();  // exactly 15 days old: kept
        assertThat(alarms.size()).isZero();                                   // 15 days > 2 days
        clock.advance(Duration.ofMillis(1));
        RetentionReport report = retention.enforce();

        assertThat(report.removedByAge()).containsEntry(JournalKind.EVENTS, 1L).containsEntry(JournalKind.ALARMS, 0L);
        assertThat(report.removedByCap()).isEmpty();
        assertThat(eventTimes()).containsExactly(Instant.ofEpochSecond(1));
        clock.advance(Duration.ofDays(1));
        assertThat(retention.enforce().removed(JournalKind.EVENTS)).isEqualTo(1);
        assertThat(events.size()).isZero();
    }

    @Test
    void eachClusterKeepsItsMostRecentlyStoredEntries() {
        RetentionService retention = retention(new RetentionPolicy(0, 3), new RetentionPolicy(0, 1));
        for (int i = 0; i < 5; i++) {
            recordEvent("big", 100 - i);
            recordAlarm("big", i);
            clock.advance(Duration.ofSeconds(1));
        }
        recordEvent("small", 7);

        RetentionReport report = retention.enforce();

        assertThat(report.removedByCap()).containsEntry(JournalKind.EVENTS, 2L).containsEntry(JournalKind.ALARMS, 4L);
        assertThat(report.removedByAge()).isEmpty();
        assertThat(eventTimes()).containsExactly(Instant.ofEpochSecond(98), Instant.ofEpochSecond(97),
                Instant.ofEpochSecond(96), Instant.ofEpochSecond(7));
        assertThat(retention.enforce().removed(JournalKind.EVENTS)).isZero();
    }

    @Test
    void zeroDisablesARuleAndTheDefaultsAre15DaysAnd10000PerCluster() {
        RetentionService retention = retention(RetentionPolicy.KEEP_EVERYTHING, RetentionPolicy.KEEP_EVERYTHING);
        recordEvent("c", 1);
        recordEvent("c", 2);
        clock.advance(Duration.ofDays(10_000));

        RetentionReport report = retention.enforce();

        assertThat(report.removed(JournalKind.EVENTS)).isZero();
        assertThat(events.size()).isEqualTo(2);
        assertThat(RetentionPolicy.DEFAULT).isEqualTo(new RetentionPolicy(15, 10_000));
        assertThat(RetentionPolicy.DEFAULT.maxAge()).contains(Duration.ofDays(15));
        assertThatThrownBy(() -> new RetentionPolicy(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ageComesBeforeTheCapSoTheCapCountsOnlyWhatAgeKept() {
        RetentionService retention = retention(new RetentionPolicy(1, 2), RetentionPolicy.KEEP_EVERYTHING);
        recordEvent("c", 1);
        recordEvent("c", 2);
        clock.advance(Duration.ofDays(2));
        recordEvent("c", 3);

        RetentionReport report = retention.enforce();

        assertThat(report.removedByAge()).containsEntry(JournalKind.EVENTS, 2L);
        assertThat(report.removedByCap()).containsEntry(JournalKind.EVENTS, 0L);
        assertThat(eventTimes()).containsExactly(Instant.ofEpochSecond(3));
    }

    private void recordEvent(String cluster, long seconds) {
        eventService.record(new RecordEventCommand(new Event("", "k8s", "pod", "normal", "c", "t", "d", cluster,
                UnixTime.ofSeconds(seconds), ExtraInfo.NONE, null)));
    }

    private void recordAlarm(String cluster, long seconds) {
        alarmService.record(new RecordAlarmCommand(new Alarm(cluster, "ns", "m", "s", "mod", "t",
                UnixTime.ofSeconds(seconds), null)));
    }

    private List<Object> eventTimes() {
        try (JournalPage page = events.list(JournalQuery.all())) {
            return page.documents().map(doc -> doc.get("eventTime")).toList();
        }
    }
}
