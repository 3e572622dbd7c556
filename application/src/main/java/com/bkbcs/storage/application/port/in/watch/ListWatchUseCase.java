package com.bkbcs.storage.application.port.in.watch;

import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchScope;

import java.util.List;
import java.util.Objects;

/** Lists the data of every watch entry of one namespace and type. */
public interface ListWatchUseCase {

    /** Ordered by resource name; empty when there is nothing. */
    List<WatchData> list(ListWatchQuery query);

    record ListWatchQuery(WatchScope scope) {
        public ListWatchQuery {
            Objects.requireNonNull(scope, "scope");
        }
    }
}
