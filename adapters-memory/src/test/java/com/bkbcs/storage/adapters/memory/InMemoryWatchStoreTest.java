package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.application.port.out.WatchStoreContract;

/** The test adapter must keep the contract the ZooKeeper adapter keeps, or tests built on it lie. */
class InMemoryWatchStoreTest extends WatchStoreContract {
    private static final InMemoryWatchStore STORE = new InMemoryWatchStore();

    @Override
    protected WatchStore store() {
        return STORE;
    }
}
