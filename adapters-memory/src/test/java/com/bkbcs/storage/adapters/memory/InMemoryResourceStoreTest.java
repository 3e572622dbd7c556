package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.port.out.ResourceStoreContract;

/** The test adapter must keep the contract the real stores keep, or tests built on it lie. */
class InMemoryResourceStoreTest extends ResourceStoreContract {
    private static final InMemoryResourceStore STORE = new InMemoryResourceStore();

    @Override
    protected ResourceStore store() {
        return STORE;
    }
}
