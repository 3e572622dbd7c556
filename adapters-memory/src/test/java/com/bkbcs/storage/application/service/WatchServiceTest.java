package com.bkbcs.storage.application.service;

import com.bkbcs.storage.adapters.memory.InMemoryWatchStore;
import com.bkbcs.storage.application.port.in.watch.DeleteWatchUseCase.DeleteWatchCommand;
import com.bkbcs.storage.application.port.in.watch.GetWatchUseCase.GetWatchQuery;
import com.bkbcs.storage.application.port.in.watch.ListWatchUseCase.ListWatchQuery;
import com.bkbcs.storage.application.port.in.watch.PutWatchUseCase.PutWatchCommand;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchServiceTest {
    private final InMemoryWatchStore store = new InMemoryWatchStore();
    private final WatchService service = new WatchService(store);
    private final WatchKey app = new WatchKey(Env.MESOS, "c1", "ns", "application", "web");

    @Test
    void putStoresTheDataAsReportedAndGetReturnsIt() {
        service.put(new PutWatchCommand(app, Map.of("status", "Running")));
        service.put(new PutWatchCommand(app, Arrays.asList(1, null)));

        assertThat(service.get(new GetWatchQuery(app))).isEqualTo(new WatchData(Arrays.asList(1, null)));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void nullDataIsStoredAndReadBackAsNull() {
        service.put(new PutWatchCommand(app, (Object) null));

        assertThat(service.get(new GetWatchQuery(app)).value()).isNull();
        assertThat(service.list(new ListWatchQuery(app.scope()))).containsExactly(new WatchData(null));
    }

    @Test
    void getOfAnAbsentEntryIsNotFound() {
        assertThatThrownBy(() -> service.get(new GetWatchQuery(app)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessage("resource does not exist");
    }

    @Test
    void deleteIsIdempotent() {
        service.put(new PutWatchCommand(app, 1));
        service.delete(new DeleteWatchCommand(app));
        service.delete(new DeleteWatchCommand(app));
        assertThat(store.size()).isZero();
    }

    @Test
    void listReturnsTheNamespacesDataOrderedByName() {
        service.put(new PutWatchCommand(new WatchKey(Env.MESOS, "c1", "ns", "application", "b"), "b"));
        service.put(new PutWatchCommand(new WatchKey(Env.MESOS, "c1", "ns", "application", "a"), "a"));
        service.put(new PutWatchCommand(new WatchKey(Env.MESOS, "c1", "other", "application", "c"), "c"));

        assertThat(service.list(new ListWatchQuery(new WatchScope(Env.MESOS, "c1", "ns", "application"))))
                .containsExactly(new WatchData("a"), new WatchData("b"));
    }
}
