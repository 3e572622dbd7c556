package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.domain.metric.Metric;
import com.bkbcs.storage.domain.metric.MetricKey;
import com.bkbcs.storage.domain.metric.MetricQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * Metrics in memory: a sorted map keyed by id, queried with the domain's reference semantics; not
 * durable (see {@link InMemoryResourceStore}).
 */
public final class InMemoryMetricStore implements MetricStore {
    private final ConcurrentSkipListMap<String, Metric> metrics = new ConcurrentSkipListMap<>();

    @Override
    public void upsert(MetricKey key, Object data, Instant now) {
        metrics.compute(key.id(), (id, old) -> old == null
                ? new Metric(key, data, now, now)
                : new Metric(key, data, old.createTime(), InMemoryResourceStore.latest(old.updateTime(), now)));
    }

    @Override
    public Optional<Metric> find(MetricKey key) {
        return Optional.ofNullable(metrics.get(key.id()));
    }

    @Override
    public boolean delete(MetricKey key) {
        return metrics.remove(key.id()) != null;
    }

    @Override
    public Stream<Map<String, Object>> list(MetricQuery query) {
        Stream<Map<String, Object>> matching = metrics.values().stream()
                .filter(metric -> metric.key().clusterId().equals(query.clusterId()))
                .map(Metric::toDocument)
                .filter(query.filter()::matches)
                .skip(query.page().offset());
        if (query.page().limit().isPresent()) {
            matching = matching.limit(query.page().limit().getAsInt());
        }
        return matching.map(query.projection()::apply);
    }

    @Override
    public List<String> clusterIds() {
        return metrics.values().stream().map(metric -> metric.key().clusterId()).distinct().sorted().toList();
    }

    /** Forgets every metric. */
    public void clear() {
        metrics.clear();
    }

    public int size() {
        return metrics.size();
    }
}
