package com.bkbcs.storage.application.port.in.watch;

import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;

import java.util.Objects;

/** Stores what an agent reports for one watch entry, replacing what was there. */
public interface PutWatchUseCase {

    void put(PutWatchCommand command);

    /** {@code data} is any JSON value, {@code null} included. */
    record PutWatchCommand(WatchKey key, WatchData data) {
        public PutWatchCommand {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(data, "data");
        }

        public PutWatchCommand(WatchKey key, Object data) {
            this(key, new WatchData(data));
        }
    }
}
