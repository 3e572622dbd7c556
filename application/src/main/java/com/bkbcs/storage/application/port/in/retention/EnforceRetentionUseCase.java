package com.bkbcs.storage.application.port.in.retention;

import com.bkbcs.storage.domain.journal.JournalKind;

import java.util.Map;

/** Removes the journal entries their retention policy no longer keeps. */
public interface EnforceRetentionUseCase {

    RetentionReport enforce();

    /** How many entries each journal lost, by age and by the per-cluster cap. */
    record RetentionReport(Map<JournalKind, Long> removedByAge, Map<JournalKind, Long> removedByCap) {
        public RetentionReport {
            removedByAge = Map.copyOf(removedByAge);
            removedByCap = Map.copyOf(removedByCap);
        }

        public long removed(JournalKind kind) {
            return removedByAge.getOrDefault(kind, 0L) + removedByCap.getOrDefault(kind, 0L);
        }
    }
}
