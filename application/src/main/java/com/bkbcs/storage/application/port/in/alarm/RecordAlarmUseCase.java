package com.bkbcs.storage.application.port.in.alarm;

import com.bkbcs.storage.domain.alarm.Alarm;

import java.util.Objects;

/** Appends an alarm (duplicates are kept). */
public interface RecordAlarmUseCase {

    void record(RecordAlarmCommand command);

    record RecordAlarmCommand(Alarm alarm) {
        public RecordAlarmCommand {
            Objects.requireNonNull(alarm, "alarm");
        }
    }
}
