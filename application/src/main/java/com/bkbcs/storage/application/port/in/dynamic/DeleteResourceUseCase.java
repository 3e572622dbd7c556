package com.bkbcs.storage.application.port.in.dynamic;

import com.bkbcs.storage.domain.ResourceKey;

import java.util.Objects;

/** Removes one resource; removing an absent one succeeds, as agents delete blindly. */
public interface DeleteResourceUseCase {

    void delete(DeleteResourceCommand command);

    record DeleteResourceCommand(ResourceKey key) {
        public DeleteResourceCommand {
            Objects.requireNonNull(key, "key");
        }
    }
}
