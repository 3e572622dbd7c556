package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase;
import com.bkbcs.storage.application.port.out.ResourceStore;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.kind.QueryKind;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs typed queries with the kinds declared in {@link QueryKinds}. A kind reading one stored type
 * is one paged store list; a kind reading several (k8s endpoints: {@code Endpoints} and the legacy
 * {@code EndPoints}) lists them one after the other, in type order, and pages the concatenation.
 */
public final class RunTypedQueryService implements RunTypedQueryUseCase {
    private final ResourceStore store;

    public RunTypedQueryService(ResourceStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public QueryResult query(TypedQuery query) {
        QueryKind kind = QueryKinds.find(query.env(), query.kind())
                .orElseThrow(() -> StorageException.notFound("unknown query kind " + query.env().segment() + "/" + query.kind()));
        if (kind.namespaces().isPresent()) {
            return new Namespaces(store.distinctNamespaces(query.clusterId(), kind.namespaces()));
        }
        if (kind.wantsUsedNamespaces(query.kindParameters())) {
            return new Namespaces(store.distinctNamespaces(query.clusterId(), Optional.empty()));
        }
        ResourceFilter filter = query.filter().and(kind.fixedConditions()).and(kind.conditions(query.kindParameters()));
        if (kind.resourceTypes().size() == 1) {
            return new Documents(list(query, kind.resourceTypes().get(0), filter, query.page()));
        }
        // the first list opens now, so that a store failure is reported before any result is written
        Stream<Map<String, Object>> all = list(query, kind.resourceTypes().get(0), filter, Page.ALL);
        for (String type : kind.resourceTypes().subList(1, kind.resourceTypes().size())) {
            all = Stream.concat(all, Stream.of(type).flatMap(t -> list(query, t, filter, Page.ALL)));
        }
        Stream<Map<String, Object>> paged = all.skip(query.page().offset());
        if (query.page().limit().isPresent()) {
            paged = paged.limit(query.page().limit().getAsInt());
        }
        return new Documents(paged);
    }

    private Stream<Map<String, Object>> list(TypedQuery query, String type, ResourceFilter filter, Page page) {
        return store.list(new ResourceQuery(ResourceScope.all(query.clusterId(), type), filter, query.projection(), page));
    }
}
