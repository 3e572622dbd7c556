package com.bkbcs.storage.application.port.in.dynamic;

import com.bkbcs.storage.domain.query.ResourceQuery;

import java.util.Map;
import java.util.stream.Stream;

/** Lists resources of one type: a namespace's, the cluster-scoped ones, or all. */
public interface ListResourcesUseCase {

    /** Projected documents ordered by {@code _id}; the caller closes the stream. */
    Stream<Map<String, Object>> list(ResourceQuery query);
}
