package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.in.alarm.ListAlarmsUseCase;
import com.bkbcs.storage.application.port.in.alarm.RecordAlarmUseCase;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The alarm use cases: append with the time the service stored it (to the millisecond), and list. */
public final class AlarmService implements RecordAlarmUseCase, ListAlarmsUseCase {
    private final Journal alarms;
    private final Clock clock;

    public AlarmService(Journal alarms, Clock clock) {
        this.alarms = EventService.requireKind(alarms, JournalKind.ALARMS);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(RecordAlarmCommand command) {
        alarms.append(command.alarm(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public JournalPage list(JournalQuery query) {
        return alarms.list(query);
    }
}
