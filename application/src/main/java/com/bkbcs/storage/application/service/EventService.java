package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.in.event.ListEventsUseCase;
import com.bkbcs.storage.application.port.in.event.RecordEventUseCase;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The event use cases: append with the time the service stored it (to the millisecond), and list. */
public final class EventService implements RecordEventUseCase, ListEventsUseCase {
    private final Journal events;
    private final Clock clock;

    public EventService(Journal events, Clock clock) {
        this.events = requireKind(events, JournalKind.EVENTS);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(RecordEventCommand command) {
        events.append(command.event(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public JournalPage list(JournalQuery query) {
        return events.list(query);
    }

    static Journal requireKind(Journal journal, JournalKind kind) {
        Objects.requireNonNull(journal, "journal");
        if (journal.kind() != kind) {
            throw new IllegalArgumentException("expected the " + kind + " journal, got " + journal.kind());
        }
        return journal;
    }
}
