package com.bkbcs.storage.application.port.in.dynamic;

import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.ResourceFilter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Batch delete, used by agents to clear stale data: everything in a scope matching a filter. */
public interface DeleteResourcesUseCase {

    /** Returns how many resources were removed. */
    long deleteAll(DeleteResourcesCommand command);

    /**
     * The optional {@code updateTime} bounds are inclusive; an absent bound (the API's {@code 0})
     * is open.
     */
    record DeleteResourcesCommand(ResourceScope scope, ResourceFilter filter,
                                  Optional<Instant> updatedFrom, Optional<Instant> updatedTo) {
        public DeleteResourcesCommand {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(filter, "filter");
            if (updatedFrom.isPresent() || updatedTo.isPresent()) {
                filter = filter.and(List.of(new Condition.Between(FieldPath.of("updateTime"), updatedFrom, updatedTo)));
            }
        }
    }
}
