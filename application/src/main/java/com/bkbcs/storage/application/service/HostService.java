package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.in.host.AssignHostsUseCase;
import com.bkbcs.storage.application.port.in.host.DeleteHostUseCase;
import com.bkbcs.storage.application.port.in.host.GetHostUseCase;
import com.bkbcs.storage.application.port.in.host.ListHostsUseCase;
import com.bkbcs.storage.application.port.in.host.PutHostUseCase;
import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.host.HostQuery;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** The host use cases: writes stamped to the millisecond, an absent host turned into NOT_FOUND. */
public final class HostService implements PutHostUseCase, GetHostUseCase, DeleteHostUseCase, ListHostsUseCase,
        AssignHostsUseCase {
    private final HostStore store;
    private final Clock clock;

    public HostService(HostStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(PutHostCommand command) {
        store.upsert(command.ip(), command.clusterId(), command.data(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public Map<String, Object> get(GetHostQuery query) {
        return store.find(query.ip())
                .map(host -> query.projection().apply(host.toDocument()))
                .orElseThrow(() -> StorageException.notFound("host does not exist"));
    }

    @Override
    public void delete(DeleteHostCommand command) {
        store.delete(command.ip());
    }

    @Override
    public Stream<Map<String, Object>> list(HostQuery query) {
        return store.list(query);
    }

    @Override
    public void assign(AssignHostsCommand command) {
        store.assign(command.clusterId(), command.ips(), command.exclusively(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
