package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.service.ChangeHub;
import com.bkbcs.storage.application.service.WatchResourcesService;

import java.time.Duration;

/** Watch use cases for tests of routes that only need one to exist (lists ask it for their revision). */
final class Watches {

    private Watches() {
    }

    /** Watches of a store of their own, with nothing in it: lists carry revision 0. */
    static WatchResourcesService idle() {
        InMemoryResourceStore store = new InMemoryResourceStore();
        return new WatchResourcesService(store, new ChangeHub(store, Duration.ofMillis(50), 16));
    }
}
