package com.bkbcs.storage.application.port.in.event;

import com.bkbcs.storage.domain.event.Event;

import java.util.Objects;

/** Appends an event an agent reports (duplicates are kept). */
public interface RecordEventUseCase {

    void record(RecordEventCommand command);

    record RecordEventCommand(Event event) {
        public RecordEventCommand {
            Objects.requireNonNull(event, "event");
        }
    }
}
