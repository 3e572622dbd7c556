package com.bkbcs.storage.domain.watch;

import com.bkbcs.storage.domain.JsonTree;

/**
 * The data reported for one watch entry: any JSON value, {@code null} included (which is why it is
 * wrapped: an {@code Optional} cannot hold {@code null}). Immutable.
 */
public record WatchData(Object value) {

    public WatchData {
        value = JsonTree.freeze(value);
    }
}
