package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.journal.JournalEntry;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;

import java.time.Instant;

/**
 * Where one journal (events or alarms) lives: an append-only list of reports per cluster.
 * Implementations translate the domain's filters and projections into their own query language and
 * must agree with the domain's reference semantics ({@code Condition#test}, {@code Projection#apply});
 * the contract suite holds them to it. Failures surface as {@code StorageException}s.
 */
public interface Journal {

    JournalKind kind();

    /**
     * Appends the entry with a new unique {@code _id} and {@code createTime} = {@code storedAt};
     * nothing is ever merged or replaced. Returns the id once the write is durable.
     */
    String append(JournalEntry entry, Instant storedAt);

    /**
     * The matching entries' (projected) documents, newest first by the kind's time field; among equal
     * times the most recently appended first. {@code total} counts the matches before paging.
     */
    JournalPage list(JournalQuery query);

    /** Removes the entries stored before {@code cutoff}; returns how many. */
    long removeStoredBefore(Instant cutoff);

    /**
     * Cuts each cluster back to its {@code keep} most recently stored entries (by {@code createTime},
     * then by append order); returns how many were removed.
     */
    long trimClusters(int keep);
}
