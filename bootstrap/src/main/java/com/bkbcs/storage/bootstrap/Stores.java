package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.application.port.out.WatchStore;

import java.util.Objects;

/** Every outbound port the services need, as a {@link Backends} yields them. */
record Stores(ResourceStore resources, ChangeFeed changes, Journal events, Journal alarms, MetricStore metrics,
              HostStore hosts, WatchStore watch) {
    Stores {
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(watch, "watch");
    }
}
