package com.bkbcs.storage.domain.journal;

import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;

import java.util.List;
import java.util.Objects;

/**
 * A journal list: the entries of the given clusters (every cluster when none is given) that match
 * the filter, newest first by the kind's time field (ties: most recently stored first), projected
 * and paged. A time range is a {@code Condition.Between} on the time field inside the filter.
 */
public record JournalQuery(List<String> clusterIds, ResourceFilter filter, Projection projection, Page page) {
    public JournalQuery {
        clusterIds = clusterIds.stream().distinct().toList();
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(page, "page");
    }

    public static JournalQuery all() {
        return new JournalQuery(List.of(), ResourceFilter.ALL, Projection.ALL, Page.ALL);
    }

    public static JournalQuery ofClusters(String... clusterIds) {
        return new JournalQuery(List.of(clusterIds), ResourceFilter.ALL, Projection.ALL, Page.ALL);
    }
}
