package com.bkbcs.storage.application.port.in.alarm;

import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;

/** Lists alarms, newest first by {@code receivedTime}, with the number of matches before paging. */
public interface ListAlarmsUseCase {

    /** The caller closes the page's stream. */
    JournalPage list(JournalQuery query);
}
