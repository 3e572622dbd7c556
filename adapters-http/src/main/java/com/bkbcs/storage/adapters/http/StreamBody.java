package com.bkbcs.storage.adapters.http;

import java.io.IOException;
import java.time.Instant;

/**
 * What a streamed response sends, run on a stream thread of its own once the 200 is decided. It
 * returns when the stream is complete; an {@link InterruptedException} means the server is
 * stopping, an {@link IOException} that the client is gone or too slow (the connection is then
 * already closed): both simply end the stream.
 */
@FunctionalInterface
public interface StreamBody {

    void run(Output out) throws IOException, InterruptedException;

    /** Where a stream writes: one JSON value per line, each flushed to the client at once. */
    interface Output {

        /**
         * Writes {@code value} as JSON (the writer of every other response: same times, same
         * numbers) and a newline, and flushes; fails when the client does not take the bytes
         * within the write timeout.
         */
        void send(Object value) throws IOException;

        /** As {@link #send}, for one change delivered to a watcher: counted, its time feeds the lag gauge. */
        void sendChange(Object value, Instant changedAt) throws IOException;
    }
}
