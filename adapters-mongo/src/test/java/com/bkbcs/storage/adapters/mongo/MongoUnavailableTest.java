package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.kind.QueryKinds;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** No server behind the address: every operation fails fast as UNAVAILABLE, with no driver type escaping. */
class MongoUnavailableTest {
    private static MongoConnection connection;
    private static MongoResourceStore store;

    @BeforeAll
    static void connectToNothing() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        connection = MongoConnection.connect("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=300", "bcs");
        store = new MongoResourceStore(connection.database(), QueryKinds.timePaths());
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    private static final ResourceKey KEY = ResourceKey.namespaced("c", "ns", "Pod", "p");

    @Test
    void upsertIsUnavailable() {
        assertUnavailableQuickly(() -> store.upsert(KEY, Map.of("a", 1), Instant.now()));
    }

    @Test
    void findIsUnavailable() {
        assertUnavailableQuickly(() -> store.find(KEY));
    }

    @Test
    void deleteIsUnavailable() {
        assertUnavailableQuickly(() -> store.delete(KEY));
    }

    @Test
    void listFailsWhenCalledNotWhenConsumed() {
        assertUnavailableQuickly(() -> store.list(ResourceQuery.all(ResourceScope.all("c", "Pod"))));
    }

    @Test
    void deleteAllIsUnavailable() {
        assertUnavailableQuickly(() -> store.deleteAll(ResourceScope.all("c", "Pod"), ResourceFilter.ALL));
    }

    private static void assertUnavailableQuickly(ThrowingCallable call) {
        long started = System.nanoTime();
        Throwable thrown = catchThrowable(call);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(thrown).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            // the driver's cluster description stays in the log
            assertThat(e.getMessage()).contains("timed out").doesNotContain("127.0.0.1", "ServerDescription", "cluster");
        });
        assertThat(thrown.getClass().getName()).doesNotStartWith("com.mongodb").doesNotStartWith("org.bson");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }
}
