package com.bkbcs.storage.application.port.in.dynamic;

import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.query.Projection;

import java.util.Map;
import java.util.Objects;

/** Reads one resource back, as its (projected) document. */
public interface GetResourceUseCase {

    /** @throws com.bkbcs.storage.domain.StorageException NOT_FOUND when the resource does not exist */
    Map<String, Object> get(GetResourceQuery query);

    record GetResourceQuery(ResourceKey key, Projection projection) {
        public GetResourceQuery {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(projection, "projection");
        }
    }
}
