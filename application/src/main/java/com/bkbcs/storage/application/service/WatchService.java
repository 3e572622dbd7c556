package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.in.watch.DeleteWatchUseCase;
import com.bkbcs.storage.application.port.in.watch.GetWatchUseCase;
import com.bkbcs.storage.application.port.in.watch.ListWatchUseCase;
import com.bkbcs.storage.application.port.in.watch.PutWatchUseCase;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.watch.WatchData;

import java.util.List;
import java.util.Objects;

/**
 * The watch-data use cases. Watch data is stored as reported (no times are stamped: consumers read
 * the data itself from the store), so the service only turns an absent entry into NOT_FOUND.
 */
public final class WatchService implements PutWatchUseCase, GetWatchUseCase, DeleteWatchUseCase, ListWatchUseCase {

    private final WatchStore store;

    public WatchService(WatchStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void put(PutWatchCommand command) {
        store.put(command.key(), command.data());
    }

    @Override
    public WatchData get(GetWatchQuery query) {
        return store.get(query.key()).orElseThrow(() -> StorageException.notFound("resource does not exist"));
    }

    @Override
    public void delete(DeleteWatchCommand command) {
        store.delete(command.key());
    }

    @Override
    public List<WatchData> list(ListWatchQuery query) {
        return store.list(query.scope());
    }
}
