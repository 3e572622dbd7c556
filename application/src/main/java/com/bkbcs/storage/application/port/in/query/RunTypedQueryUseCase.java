package com.bkbcs.storage.application.port.in.query;

import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.Names;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Typed queries ({@code /query/{env}/dynamic/clusters/{clusterId}/{kind}}): the kind names which
 * stored types are read and what its own parameters mean; the common filter, projection and page
 * apply as in a list.
 */
public interface RunTypedQueryUseCase {

    /** @throws com.bkbcs.storage.domain.StorageException NOT_FOUND for an unknown kind */
    QueryResult query(TypedQuery query);

    /**
     * @param kindParameters the request's parameters by name (the kind picks its own)
     * @param filter         the common conditions (name, namespace, extra, data paths, labels)
     */
    record TypedQuery(Env env, String kind, String clusterId, Map<String, String> kindParameters,
                      ResourceFilter filter, Projection projection, Page page) {
        public TypedQuery {
            Objects.requireNonNull(env, "env");
            Objects.requireNonNull(kind, "kind");
            Names.require("clusterId", clusterId);
            kindParameters = Map.copyOf(kindParameters);
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(projection, "projection");
            Objects.requireNonNull(page, "page");
        }
    }

    /** What a typed query answers: documents, or (namespace kinds) namespace names. */
    sealed interface QueryResult {
    }

    /** Projected documents in a stable order; the caller closes the stream. */
    record Documents(Stream<Map<String, Object>> documents) implements QueryResult {
    }

    record Namespaces(List<String> names) implements QueryResult {
        public Namespaces {
            names = List.copyOf(names);
        }
    }
}
