package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;

import java.util.List;
import java.util.Optional;

/**
 * Where watch data lives: one entry per key, holding the reported JSON, readable by other
 * components straight from the backing store (section 7 of the contract fixes the layout). Keys
 * with the same {@link WatchKey#entryName() entry name} address the same entry. Reads never create
 * anything. Failures surface as {@code StorageException}s: UNAVAILABLE when the store cannot be
 * reached in time, TOO_LARGE when the data exceeds what the store can hold in one entry, INTERNAL
 * otherwise; never as driver exceptions.
 */
public interface WatchStore {

    /** Creates the entry or replaces its data whole. Concurrent puts of one key end as one entry. */
    void put(WatchKey key, WatchData data);

    /** The entry's data, or empty when there is no entry. */
    Optional<WatchData> get(WatchKey key);

    /** Removes the entry; returns whether there was one. */
    boolean delete(WatchKey key);

    /**
     * The data of every entry in the scope, ordered by resource name (the part of the entry name after
     * {@code {namespace}.}). An entry removed while the list is read may be left out.
     */
    List<WatchData> list(WatchScope scope);
}
