package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Watch data in memory: entries in a sorted map keyed like the real layout
 * ({@code env/cluster/type/namespace.name}), so it aliases dotted names exactly as ZooKeeper does.
 * Not durable (see {@link InMemoryResourceStore}); never a replacement for the ZooKeeper adapter's tests.
 */
public final class InMemoryWatchStore implements WatchStore {
    private final ConcurrentSkipListMap<String, WatchData> entries = new ConcurrentSkipListMap<>();

    @Override
    public void put(WatchKey key, WatchData data) {
        entries.put(path(key), data);
    }

    @Override
    public Optional<WatchData> get(WatchKey key) {
        return Optional.ofNullable(entries.get(path(key)));
    }

    @Override
    public boolean delete(WatchKey key) {
        return entries.remove(path(key)) != null;
    }

    @Override
    public List<WatchData> list(WatchScope scope) {
        String typePath = typePath(scope) + "/";
        List<WatchData> found = new ArrayList<>();
        for (Map.Entry<String, WatchData> entry : entries.tailMap(typePath + scope.entryPrefix()).entrySet()) {
            if (!entry.getKey().startsWith(typePath + scope.entryPrefix())) {
                break;
            }
            if (scope.containsEntry(entry.getKey().substring(typePath.length()))) {
                found.add(entry.getValue());
            }
        }
        return found;
    }

    /** How many entries are stored, whatever their environment, cluster or type. */
    /** Forgets every entry. */
    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }

    private static String path(WatchKey key) {
        return typePath(key.scope()) + "/" + key.entryName();
    }

    private static String typePath(WatchScope scope) {
        return scope.env().segment() + "/" + scope.clusterId() + "/" + scope.resourceType();
    }
}
