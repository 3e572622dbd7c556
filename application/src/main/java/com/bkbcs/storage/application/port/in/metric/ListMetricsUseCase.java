package com.bkbcs.storage.application.port.in.metric;

import com.bkbcs.storage.domain.metric.MetricQuery;

import java.util.Map;
import java.util.stream.Stream;

/** Lists one cluster's metrics. */
public interface ListMetricsUseCase {

    /** Projected documents ordered by {@code _id}; the caller closes the stream. */
    Stream<Map<String, Object>> list(MetricQuery query);
}
