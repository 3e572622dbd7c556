package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.ResourceScope;

import java.util.Objects;

/** A list request: which resources, which of their fields, which page (ordered by id). */
public record ResourceQuery(ResourceScope scope, ResourceFilter filter, Projection projection, Page page) {
    public ResourceQuery {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(page, "page");
    }

    public static ResourceQuery all(ResourceScope scope) {
        return new ResourceQuery(scope, ResourceFilter.ALL, Projection.ALL, Page.ALL);
    }
}
