package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where dynamic resources live. Implementations translate the domain's filters and projections
 * into their own query language and must agree with the domain's reference semantics
 * ({@code Condition#test}, {@code Projection#apply}); the contract suite holds them to it.
 * Failures surface as {@code StorageException}s, never as driver exceptions.
 */
public interface ResourceStore {

    /**
     * Creates the resource or replaces its data whole. {@code createTime} is the {@code now} of the
     * write that created the resource and is kept afterwards; {@code updateTime} is the latest
     * {@code now} of any write, so it never goes back and is never before {@code createTime}, in
     * whatever order concurrent writes with their own times land. Concurrent first writes of one
     * key end as exactly one resource. Returns once the write is durable.
     */
    void upsert(ResourceKey key, Object data, Instant now);

    Optional<Resource> find(ResourceKey key);

    /** Removes the resource; returns whether there was one. */
    boolean delete(ResourceKey key);

    /**
     * The projected documents ({@link Resource#toDocument()} form) of the resources in the query's
     * scope that match its filter, ordered by {@code _id}, paged. The caller closes the stream.
     */
    Stream<Map<String, Object>> list(ResourceQuery query);

    /** Removes every resource in the scope that matches the filter; returns how many. */
    long deleteAll(ResourceScope scope, ResourceFilter filter);

    /**
     * The sorted distinct namespaces of the cluster's namespaced resources of the given types, or
     * of every type when none are given.
     */
    List<String> distinctNamespaces(String clusterId, Optional<List<String>> resourceTypes);
}
