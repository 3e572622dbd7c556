package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.JournalContract;
import com.bkbcs.storage.domain.journal.JournalKind;

/** The test adapter must keep the contract the real journals keep, or tests built on it lie. */
class InMemoryJournalTest extends JournalContract {
    @Override
    protected Journal newJournal(JournalKind kind) {
        return new InMemoryJournal(kind);
    }
}
