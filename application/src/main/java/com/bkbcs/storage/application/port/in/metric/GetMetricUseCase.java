package com.bkbcs.storage.application.port.in.metric;

import com.bkbcs.storage.domain.metric.MetricKey;
import com.bkbcs.storage.domain.query.Projection;

import java.util.Map;
import java.util.Objects;

/** Reads one metric back, as its (projected) document. */
public interface GetMetricUseCase {

    /** @throws com.bkbcs.storage.domain.StorageException NOT_FOUND when the metric does not exist */
    Map<String, Object> get(GetMetricQuery query);

    record GetMetricQuery(MetricKey key, Projection projection) {
        public GetMetricQuery {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(projection, "projection");
        }
    }
}
