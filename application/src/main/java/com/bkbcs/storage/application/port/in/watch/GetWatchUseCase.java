package com.bkbcs.storage.application.port.in.watch;

import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;

import java.util.Objects;

/** Reads the data of one watch entry back, as it was reported. */
public interface GetWatchUseCase {

    /** @throws com.bkbcs.storage.domain.StorageException NOT_FOUND when there is no such entry */
    WatchData get(GetWatchQuery query);

    record GetWatchQuery(WatchKey key) {
        public GetWatchQuery {
            Objects.requireNonNull(key, "key");
        }
    }
}
