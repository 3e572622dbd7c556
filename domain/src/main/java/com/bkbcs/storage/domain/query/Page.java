package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;

import java.util.OptionalInt;

/**
 * A window on an ordered list: skip {@code offset} items, then return at most {@code limit}
 * (all when absent).
 */
public record Page(int offset, OptionalInt limit) {
    public static final Page ALL = new Page(0, OptionalInt.empty());

    public Page {
        if (offset < 0) {
            throw StorageException.badInput("offset must not be negative");
        }
        if (limit.isPresent() && limit.getAsInt() < 0) {
            throw StorageException.badInput("limit must not be negative");
        }
    }

    public static Page of(int offset, int limit) {
        return new Page(offset, OptionalInt.of(limit));
    }
}
