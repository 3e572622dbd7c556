package com.bkbcs.storage.domain.journal;

import java.time.Instant;
import java.util.Map;

/** One report to append to a journal: an event or an alarm. */
public interface JournalEntry {

    /** Which journal the entry goes to. */
    JournalKind journal();

    /** The cluster the entry belongs to; any string, the empty one included (agents send what they have). */
    String clusterId();

    /** The reported time the journal is ordered by. */
    Instant time();

    /**
     * The stored document: {@code _id} = {@code id}, the reported fields in {@link JournalKind#fields()}
     * order, times as instants, {@code createTime} = {@code storedAt}.
     */
    Map<String, Object> toDocument(String id, Instant storedAt);
}
