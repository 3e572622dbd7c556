package com.bkbcs.storage.application.service;

import com.bkbcs.storage.adapters.memory.InMemoryJournal;
import com.bkbcs.storage.application.port.in.alarm.RecordAlarmUseCase.RecordAlarmCommand;
import com.bkbcs.storage.application.port.in.event.RecordEventUseCase.RecordEventCommand;
import com.bkbcs.storage.domain.alarm.Alarm;
import com.bkbcs.storage.domain.event.Event;
import com.bkbcs.storage.domain.event.ExtraInfo;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;
import com.bkbcs.storage.domain.journal.UnixTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event and alarm services: they stamp the storing time to the millisecond and list through the journal. */
class JournalServicesTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2020-01-01T00:00:00.123456Z"));
    private final InMemoryJournal events = new InMemoryJournal(JournalKind.EVENTS);
    private final InMemoryJournal alarms = new InMemoryJournal(JournalKind.ALARMS);
    private final EventService eventService = new EventService(events, clock);
    private final AlarmService alarmService = new AlarmService(alarms, clock);

    @Test
    void eventsAreStampedWithTheStoringTimeAndListedNewestFirstWithTheirTotal() {
        Event older = event("BCS-1", 1509423130);
        Event newer = event("BCS-1", 1509423200);
        eventService.record(new RecordEventCommand(older));
        clock.set(Instant.parse("2020-01-01T00:00:01.999999Z"));
        eventService.record(new RecordEventCommand(newer));
        eventService.record(new RecordEventCommand(newer));

        try (JournalPage page = eventService.list(JournalQuery.ofClusters("BCS-1"))) {
            List<Map<String, Object>> documents = page.documents().toList();
            assertThat(page.total()).isEqualTo(3);
            assertThat(documents).extracting(doc -> doc.get("eventTime"))
                    .containsExactly(Instant.ofEpochSecond(1509423200), Instant.ofEpochSecond(1509423200),
                            Instant.ofEpochSecond(1509423130));
            assertThat(documents).extracting(doc -> doc.get("createTime")).containsExactly(
                    Instant.parse("2020-01-01T00:00:01.999Z"), Instant.parse("2020-01-01T00:00:01.999Z"),
                    Instant.parse("2020-01-01T00:00:00.123Z"));
        }
        assertThat(alarms.size()).isZero();
    }

    @Test
    void alarmsAreStampedAndListedTheSameWay() {
        alarmService.record(new RecordAlarmCommand(new Alarm("c", "ns", "disk full", "127.0.0.4", "bcs-health", "sms",
                UnixTime.ofSeconds(-62135596800L), null)));

        try (JournalPage page = alarmService.list(JournalQuery.all())) {
            assertThat(page.total()).isEqualTo(1);
            assertThat(page.documents().toList()).singleElement().satisfies(doc -> {
                assertThat(doc.get("receivedTime")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
                assertThat(doc.get("createTime")).isEqualTo(Instant.parse("2020-01-01T00:00:00.123Z"));
                assertThat(doc.get("message")).isEqualTo("disk full");
            });
        }
        assertThat(events.size()).isZero();
    }

    @Test
    void eachServiceRefusesTheOtherKindsJournal() {
        assertThatThrownBy(() -> new EventService(alarms, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlarmService(events, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Event event(String cluster, long seconds) {
        return new Event("", "k8s", "pod", "warning", "kubelet", "killing", "killed", cluster, UnixTime.ofSeconds(seconds),
                ExtraInfo.NONE, Map.of("a", "1"));
    }
}
