package com.bkbcs.storage.application.port.in.watch;

import com.bkbcs.storage.domain.watch.WatchKey;

import java.util.Objects;

/** Removes one watch entry; removing an absent one succeeds, as agents delete blindly. */
public interface DeleteWatchUseCase {

    void delete(DeleteWatchCommand command);

    record DeleteWatchCommand(WatchKey key) {
        public DeleteWatchCommand {
            Objects.requireNonNull(key, "key");
        }
    }
}
