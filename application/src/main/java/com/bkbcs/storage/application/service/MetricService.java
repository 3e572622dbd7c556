package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.in.metric.DeleteMetricUseCase;
import com.bkbcs.storage.application.port.in.metric.GetMetricUseCase;
import com.bkbcs.storage.application.port.in.metric.ListMetricClustersUseCase;
import com.bkbcs.storage.application.port.in.metric.ListMetricsUseCase;
import com.bkbcs.storage.application.port.in.metric.PutMetricUseCase;
import com.bkbcs.storage.application.port.out.MetricStore;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.metric.MetricQuery;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** The metric use cases: upserts stamped to the millisecond, an absent metric turned into NOT_FOUND. */
public final class MetricService implements PutMetricUseCase, GetMetricUseCase, DeleteMetricUseCase,
        ListMetricsUseCase, ListMetricClustersUseCase {
    private final MetricStore store;
    private final Clock clock;

    public MetricService(MetricStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(PutMetricCommand command) {
        store.upsert(command.key(), command.data(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public Map<String, Object> get(GetMetricQuery query) {
        return store.find(query.key())
                .map(metric -> query.projection().apply(metric.toDocument()))
                .orElseThrow(() -> StorageException.notFound("metric does not exist"));
    }

    @Override
    public void delete(DeleteMetricCommand command) {
        store.delete(command.key());
    }

    @Override
    public Stream<Map<String, Object>> list(MetricQuery query) {
        return store.list(query);
    }

    @Override
    public List<String> clusterIds() {
        return store.clusterIds();
    }
}
