package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.application.port.out.HostStoreContract;

/** The test adapter must keep the contract the Mongo adapter keeps. */
class InMemoryHostStoreTest extends HostStoreContract {
    @Override
    protected HostStore newStore() {
        return new InMemoryHostStore();
    }
}
