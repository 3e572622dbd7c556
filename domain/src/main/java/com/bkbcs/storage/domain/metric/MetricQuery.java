package com.bkbcs.storage.domain.metric;

import com.bkbcs.storage.domain.Names;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;

import java.util.Objects;

/** The metrics of one cluster that match the filter, ordered by {@code _id}, projected and paged. */
public record MetricQuery(String clusterId, ResourceFilter filter, Projection projection, Page page) {
    public MetricQuery {
        Names.require("clusterId", clusterId);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(page, "page");
    }

    public static MetricQuery all(String clusterId) {
        return new MetricQuery(clusterId, ResourceFilter.ALL, Projection.ALL, Page.ALL);
    }
}
