package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.in.dynamic.DeleteResourceUseCase;
import com.bkbcs.storage.application.port.in.dynamic.DeleteResourcesUseCase;
import com.bkbcs.storage.application.port.in.dynamic.GetResourceUseCase;
import com.bkbcs.storage.application.port.in.dynamic.ListResourcesUseCase;
import com.bkbcs.storage.application.port.in.dynamic.PutResourceUseCase;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.query.ResourceQuery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The dynamic-data use cases. They are thin on purpose: identity and query values validate
 * themselves, the store does the work; this class stamps times (to the millisecond, the precision
 * stores keep) and turns an absent resource into NOT_FOUND.
 */
public final class DynamicResourceService implements PutResourceUseCase, GetResourceUseCase, DeleteResourceUseCase,
        ListResourcesUseCase, DeleteResourcesUseCase {

    private final ResourceStore store;
    private final Clock clock;
    private final Runnable afterWrite;

    public DynamicResourceService(ResourceStore store, Clock clock) {
        this(store, clock, () -> { });
    }

    /** A service that runs {@code afterWrite} once a write is acknowledged (to wake this instance's watches). */
    public DynamicResourceService(ResourceStore store, Clock clock, Runnable afterWrite) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.afterWrite = Objects.requireNonNull(afterWrite, "afterWrite");
    }

    @Override
    public void put(PutResourceCommand command) {
        store.upsert(command.key(), command.data(), now());
        afterWrite.run();
    }

    @Override
    public Map<String, Object> get(GetResourceQuery query) {
        return store.find(query.key())
                .map(resource -> query.projection().apply(resource.toDocument()))
                .orElseThrow(() -> StorageException.notFound("resource does not exist"));
    }

    @Override
    public void delete(DeleteResourceCommand command) {
        if (store.delete(command.key())) {
            afterWrite.run();
        }
    }

    @Override
    public Stream<Map<String, Object>> list(ResourceQuery query) {
        return store.list(query);
    }

    @Override
    public long deleteAll(DeleteResourcesCommand command) {
        long removed = store.deleteAll(command.scope(), command.filter());
        if (removed > 0) {
            afterWrite.run();
        }
        return removed;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
