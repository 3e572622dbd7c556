package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.change.Change;
import com.bkbcs.storage.domain.change.ChangeHistory;
import com.bkbcs.storage.domain.change.ChangePage;
import com.bkbcs.storage.domain.change.ChangeType;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * Resources in memory: a sorted map keyed by id, filtered and projected with the domain's
 * reference semantics, so its answers are the ones every store must give (the contract suite holds
 * it to that like the others). Nothing is durable: the process's end loses everything. Serves
 * {@code serve --store memory}, the testkit, and this project's own service and HTTP tests; never a
 * replacement for the Mongo adapter's tests against a real server.
 *
 * <p>Changes: every write takes the next revision and records its change under one lock, so
 * revisions commit in order and the feed is settled up to the latest revision at any moment. The
 * change log is kept until {@link #trim}. {@link #clear()} forgets the resources and the change log
 * but keeps counting revisions: a reset is not a write, so a watch resuming from before it is told
 * to list again (its revision is older than the history kept).
 */
public final class InMemoryResourceStore implements ResourceStore, ChangeFeed {
    private final ConcurrentSkipListMap<String, Resource> resources = new ConcurrentSkipListMap<>();
    private final Clock clock;
    /** Writes take their revision and record their change under this lock, so revisions commit in order. */
    private final Object writes = new Object();
    private final TreeMap<Long, Change> changes = new TreeMap<>();
    private long latest;
    private long forgottenThrough;

    public InMemoryResourceStore() {
        this(Clock.systemUTC());
    }

    /** A store recording its changes at the clock's times. */
    public InMemoryResourceStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void upsert(ResourceKey key, Object data, Instant now) {
        synchronized (writes) {
            long revision = latest + 1;
            Resource old = resources.get(key.id());
            Resource stored = old == null
                    ? new Resource(key, data, now, now, revision)
                    : new Resource(key, data, old.createTime(), latest(old.updateTime(), now), revision);
            resources.put(key.id(), stored);
            record(old == null ? ChangeType.ADDED : ChangeType.MODIFIED, stored);
        }
    }

    @Override
    public Optional<Resource> find(ResourceKey key) {
        return Optional.ofNullable(resources.get(key.id()));
    }

    @Override
    public boolean delete(ResourceKey key) {
        synchronized (writes) {
            Resource removed = resources.remove(key.id());
            if (removed != null) {
                recordDelete(removed);
            }
            return removed != null;
        }
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
        synchronized (writes) {
            long removed = 0;
            for (Resource resource : matching(scope, filter)) {
                if (resources.remove(resource.key().id(), resource)) {
                    recordDelete(resource);
                    removed++;
                }
            }
            return removed;
        }
    }

    @Override
    public ChangePage after(long after, int limit) {
        synchronized (writes) {
            List<Change> page = new ArrayList<>(Math.min(limit, 64));
            for (Change change : changes.tailMap(after, false).values()) {
                if (page.size() == limit) {
                    return new ChangePage(page, page.get(page.size() - 1).revision());
                }
                page.add(change);
            }
            return new ChangePage(page, Math.max(after, latest));
        }
    }

    @Override
    public ChangeHistory history() {
        synchronized (writes) {
            return new ChangeHistory(forgottenThrough, latest);
        }
    }

    @Override
    public long trim(Instant before) {
        synchronized (writes) {
            long forgotten = 0;
            while (!changes.isEmpty() && changes.firstEntry().getValue().at().isBefore(before)) {
                forgottenThrough = changes.pollFirstEntry().getKey();
                forgotten++;
            }
            return forgotten;
        }
    }

    /** A removed resource's last state, recorded as its deletion under the next revision. */
    private void recordDelete(Resource removed) {
        Resource last = new Resource(removed.key(), removed.data(), removed.createTime(), removed.updateTime(), latest + 1);
        record(ChangeType.DELETED, last);
    }

    private void record(ChangeType type, Resource state) {
        latest = state.revision();
        changes.put(latest, new Change(latest, type, clock.instant(), state.key(), state.toDocument()));
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
        synchronized (writes) {
            resources.clear();
            changes.clear();
            forgottenThrough = latest;
        }
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
