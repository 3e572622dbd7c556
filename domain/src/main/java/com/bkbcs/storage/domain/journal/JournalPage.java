package com.bkbcs.storage.domain.journal;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One page of a journal list: how many entries match before paging, and the page's (projected)
 * documents, streamed; the caller closes the stream.
 */
public record JournalPage(long total, Stream<Map<String, Object>> documents) implements AutoCloseable {
    public JournalPage {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative");
        }
        Objects.requireNonNull(documents, "documents");
    }

    /** Closes the documents' stream (and whatever cursor it reads from). */
    @Override
    public void close() {
        documents.close();
    }
}
