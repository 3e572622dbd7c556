package com.bkbcs.storage.application.port.in.metric;

import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.metric.MetricKey;

import java.util.Objects;

/** Stores a reported metric, replacing what was there (createTime kept). */
public interface PutMetricUseCase {

    void put(PutMetricCommand command);

    /** {@code data} is any JSON value, {@code null} included. */
    record PutMetricCommand(MetricKey key, Object data) {
        public PutMetricCommand {
            Objects.requireNonNull(key, "key");
            data = JsonTree.freeze(data);
        }
    }
}
