package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.HostStore;
import com.bkbcs.storage.domain.host.Host;
import com.bkbcs.storage.domain.host.HostQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * Hosts in memory: a sorted map keyed by ip, queried with the domain's reference semantics; not
 * durable (see {@link InMemoryResourceStore}).
 */
public final class InMemoryHostStore implements HostStore {
    private final ConcurrentSkipListMap<String, Host> hosts = new ConcurrentSkipListMap<>();

    @Override
    public void upsert(String ip, String clusterId, Object data, Instant now) {
        hosts.compute(ip, (key, old) -> old == null
                ? new Host(ip, clusterId, data, now, now)
                : new Host(ip, clusterId, data, old.createTime(), InMemoryResourceStore.latest(old.updateTime(), now)));
    }

    @Override
    public Optional<Host> find(String ip) {
        return Optional.ofNullable(hosts.get(ip));
    }

    @Override
    public boolean delete(String ip) {
        return hosts.remove(ip) != null;
    }

    @Override
    public Stream<Map<String, Object>> list(HostQuery query) {
        Stream<Map<String, Object>> matching = hosts.values().stream()
                .filter(host -> host.clusterId().equals(query.clusterId()))
                .map(Host::toDocument)
                .filter(query.filter()::matches)
                .skip(query.page().offset());
        if (query.page().limit().isPresent()) {
            matching = matching.limit(query.page().limit().getAsInt());
        }
        return matching.map(query.projection()::apply);
    }

    @Override
    public synchronized void assign(String clusterId, List<String> ips, boolean exclusively, Instant now) {
        if (exclusively) {
            for (Host host : hosts.values()) {
                if (host.clusterId().equals(clusterId) && !ips.contains(host.ip())) {
                    hosts.put(host.ip(), new Host(host.ip(), Host.NO_CLUSTER, host.data(), host.createTime(),
                            InMemoryResourceStore.latest(host.updateTime(), now)));
                }
            }
        }
        for (String ip : ips) {
            hosts.compute(ip, (key, old) -> old == null
                    ? new Host(ip, clusterId, null, now, now)
                    : new Host(ip, clusterId, old.data(), old.createTime(), InMemoryResourceStore.latest(old.updateTime(), now)));
        }
    }

    /** Forgets every host. */
    public synchronized void clear() {
        hosts.clear();
    }

    public int size() {
        return hosts.size();
    }
}
