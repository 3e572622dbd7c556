package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.metric.Metric;
import com.bkbcs.storage.domain.metric.MetricKey;
import com.bkbcs.storage.domain.metric.MetricQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where metrics live, one per key. Filters and projections follow the domain's reference semantics,
 * as for dynamic resources. Failures surface as {@code StorageException}s.
 */
public interface MetricStore {

    /**
     * Creates the metric or replaces its data whole; {@code createTime} is the {@code now} of the write
     * that created it and is kept, {@code updateTime} the latest {@code now} of any write (never before
     * {@code createTime}, never going back). Concurrent first writes of one key end as one metric.
     */
    void upsert(MetricKey key, Object data, Instant now);

    Optional<Metric> find(MetricKey key);

    /** Removes the metric; returns whether there was one. */
    boolean delete(MetricKey key);

    /** The projected documents ({@link Metric#toDocument()} form) of the matching metrics, by {@code _id}, paged. */
    Stream<Map<String, Object>> list(MetricQuery query);

    /** The sorted distinct ids of the clusters that have at least one metric. */
    List<String> clusterIds();
}
