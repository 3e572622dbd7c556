package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * Resources in memory: a sorted map keyed by id, filtered and projected with the domain's
 * reference semantics, so its answers are the ones every store must give (the contract suite holds
 * it to that like the others). Nothing is durable: the process's end loses everything. Serves
 * {@code serve --store memory}, the testkit, and this project's own service and HTTP tests; never a
 * replacement for the Mongo adapter's tests against a real server.
 */
public final class InMemoryResourceStore implements ResourceStore {
    private final ConcurrentSkipListMap<String, Resource> resources = new ConcurrentSkipListMap<>();

    @Override
    public void upsert(ResourceKey key, Object data, Instant now) {
        resources.compute(key.id(), (id, old) -> old == null
                ? new Resource(key, data, now, now)
                : new Resource(key, data, old.createTime(), latest(old.updateTime(), now)));
    }

    @Override
    public Optional<Resource> find(ResourceKey key) {
        return Optional.ofNullable(resources.get(key.id()));
    }

    @Override
    public boolean delete(ResourceKey key) {
        return resources.remove(key.id()) != null;
    }

    @Override
    public Stream<Map<String, Object>> list(ResourceQuery query) {
        Stream<Map<String, Object>> matching = matching(query.scope(), query.filter()).stream()
                .map(Resource::toDocument)
                .skip(query.page().offset());
        if (query.page().limit().isPresent()) {
            matching = matching.limit(query.page().limit().getAsInt());
        }
        return matching.map(query.projection()::apply);
    }

    @Override
    public long deleteAll(ResourceScope scope, ResourceFilter filter) {
        long removed = 0;
        for (Resource resource : matching(scope, filter)) {
            if (resources.remove(resource.key().id(), resource)) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public List<String> distinctNamespaces(String clusterId, Optional<List<String>> resourceTypes) {
        return resources.values().stream()
                .map(Resource::key)
                .filter(key -> key.clusterId().equals(clusterId) && key.namespace().isPresent())
                .filter(key -> resourceTypes.map(types -> types.contains(key.resourceType())).orElse(true))
                .map(key -> key.namespace().get())
                .distinct()
                .sorted()
                .toList();
    }

    /** How many resources are stored, whatever their cluster or type. */
    /** Forgets every resource. */
    public void clear() {
        resources.clear();
    }

    public int size() {
        return resources.size();
    }

    private List<Resource> matching(ResourceScope scope, ResourceFilter filter) {
        List<Resource> found = new ArrayList<>();
        for (Resource resource : resources.values()) {
            if (scope.contains(resource.key()) && filter.matches(resource.toDocument())) {
                found.add(resource);
            }
        }
        return found;
    }

    /** updateTime never goes back, whatever order writes with their own times land in. */
    static Instant latest(Instant stored, Instant now) {
        return now.isAfter(stored) ? now : stored;
    }
}
