package com.bkbcs.storage.domain.host;

import com.bkbcs.storage.domain.Names;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;

import java.util.Objects;

/** The hosts one cluster owns that match the filter, ordered by ip, projected and paged. */
public record HostQuery(String clusterId, ResourceFilter filter, Projection projection, Page page) {
    public HostQuery {
        Names.require("clusterId", clusterId);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(page, "page");
    }

    public static HostQuery all(String clusterId) {
        return new HostQuery(clusterId, ResourceFilter.ALL, Projection.ALL, Page.ALL);
    }
}
