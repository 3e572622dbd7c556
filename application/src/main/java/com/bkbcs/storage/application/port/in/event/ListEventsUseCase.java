package com.bkbcs.storage.application.port.in.event;

import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;

/** Lists events, newest first by {@code eventTime}, with the number of matches before paging. */
public interface ListEventsUseCase {

    /** The caller closes the page's stream. */
    JournalPage list(JournalQuery query);
}
