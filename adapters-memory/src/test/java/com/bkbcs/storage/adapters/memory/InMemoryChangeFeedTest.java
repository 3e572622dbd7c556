package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.ChangeFeedContract;
import com.bkbcs.storage.application.port.out.ResourceStore;

/** The in-memory store's changes keep the contract the real stores' do. */
class InMemoryChangeFeedTest extends ChangeFeedContract {
    private final InMemoryResourceStore store = new InMemoryResourceStore();

    @Override
    protected ResourceStore store() {
        return store;
    }

    @Override
    protected ChangeFeed feed() {
        return store;
    }
}
