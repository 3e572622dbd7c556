package com.bkbcs.storage.adapters.httpclient;

import java.time.Duration;

/** What a {@link StorageClient#watch watch} reports, on the calling thread, in order. */
public interface WatchListener {
    /** A change, a bookmark or an object of a (re-)list; {@code false} ends the watch. */
    boolean onEvent(WatchEvent event);

    /** The connection dropped or the server is away: the watch resumes after {@code revision} in {@code wait}. */
    void onReconnect(String reason, long revision, Duration wait);

    /** The server no longer has the revision to resume from (410): the watch lists again. */
    void onRelist(String reason);
}
