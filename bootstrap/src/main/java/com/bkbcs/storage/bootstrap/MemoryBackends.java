package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.ops.ReadinessCheck;
import com.bkbcs.storage.adapters.memory.InMemoryHostStore;
import com.bkbcs.storage.adapters.memory.InMemoryJournal;
import com.bkbcs.storage.adapters.memory.InMemoryMetricStore;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.adapters.memory.InMemoryWatchStore;
import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.journal.JournalKind;

import java.util.List;
import java.util.Optional;

/**
 * Every port in memory ({@code serve --store memory}, the testkit): ready at once, nothing written
 * anywhere, gone with the process; {@link #reset()} empties every store. Calls are measured like
 * any store's (label {@code memory}); nothing needs guarding, a map is never down.
 */
final class MemoryBackends implements Backends {
    static final String STORE = "memory";

    private final InMemoryResourceStore resources = new InMemoryResourceStore();
    private final InMemoryJournal events = new InMemoryJournal(JournalKind.EVENTS);
    private final InMemoryJournal alarms = new InMemoryJournal(JournalKind.ALARMS);
    private final InMemoryMetricStore metrics = new InMemoryMetricStore();
    private final InMemoryHostStore hosts = new InMemoryHostStore();
    private final InMemoryWatchStore watch = new InMemoryWatchStore();
    private final Stores stores;

    MemoryBackends(StoreMetrics metered) {
        stores = new Stores(metered.meter(ResourceStore.class, STORE, resources),
                metered.meter(ChangeFeed.class, STORE, resources),
                metered.meter(Journal.class, "EventJournal", STORE, events),
                metered.meter(Journal.class, "AlarmJournal", STORE, alarms),
                metered.meter(MetricStore.class, STORE, metrics),
                metered.meter(HostStore.class, STORE, hosts),
                metered.meter(WatchStore.class, STORE, watch));
    }

    @Override
    public Stores stores() {
        return stores;
    }

    @Override
    public List<ReadinessCheck> readiness() {
        return List.of(ReadinessCheck.of(STORE, () -> ReadinessCheck.Result.up("in memory, nothing is durable")));
    }

    @Override
    public String description() {
        return "in-memory stores (nothing is written to disk; everything is lost when the process ends)";
    }

    @Override
    public Optional<Runnable> reset() {
        return Optional.of(this::clear);
    }

    private void clear() {
        resources.clear();
        events.clear();
        alarms.clear();
        metrics.clear();
        hosts.clear();
        watch.clear();
    }

    @Override
    public void close() {
        // nothing to release: the maps go with the process
    }
}
