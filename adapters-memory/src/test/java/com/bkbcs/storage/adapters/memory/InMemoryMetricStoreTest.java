package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.application.port.out.MetricStoreContract;

/** The test adapter must keep the contract the Mongo adapter keeps. */
class InMemoryMetricStoreTest extends MetricStoreContract {
    @Override
    protected MetricStore newStore() {
        return new InMemoryMetricStore();
    }
}
