package com.bkbcs.storage.application.port.in.metric;

import com.bkbcs.storage.domain.metric.MetricKey;

import java.util.Objects;

/** Removes one metric; removing an absent one succeeds. */
public interface DeleteMetricUseCase {

    void delete(DeleteMetricCommand command);

    record DeleteMetricCommand(MetricKey key) {
        public DeleteMetricCommand {
            Objects.requireNonNull(key, "key");
        }
    }
}
