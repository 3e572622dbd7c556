package com.bkbcs.storage.application.port.in.metric;

import java.util.List;

/** Which clusters have metrics. */
public interface ListMetricClustersUseCase {

    /** Sorted, distinct; empty when no cluster has one. */
    List<String> clusterIds();
}
