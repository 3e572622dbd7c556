package com.bkbcs.storage.application.port.in.dynamic;

import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.JsonTree;

import java.util.Objects;

/** Stores what an agent reports about one resource, replacing what was there. */
public interface PutResourceUseCase {

    void put(PutResourceCommand command);

    /** {@code data} is any JSON value, {@code null} included. */
    record PutResourceCommand(ResourceKey key, Object data) {
        public PutResourceCommand {
            Objects.requireNonNull(key, "key");
            data = JsonTree.freeze(data);
        }
    }
}
